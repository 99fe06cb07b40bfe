/** Enough of source map v3 to tell which sources a bundle's bytes came from. Pure. */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Decodes one segment of base64 VLQ numbers (e.g. 'AAAA' -> [0, 0, 0, 0]). */
export function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`not base64: ${char}`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value - 1) / 2 : value / 2);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

export interface SourceMap {
  sources: string[];
  mappings: string;
}

/**
 * Characters of generated `code` attributed to each source: every segment owns the
 * text from its column to the next segment's (or the end of the line).
 */
export function bytesBySource(code: string, map: SourceMap): Map<string, number> {
  const out = new Map<string, number>();
  const lines = code.split('\n');
  let source = 0;
  map.mappings.split(';').forEach((group, lineIndex) => {
    const line = lines[lineIndex] ?? '';
    let column = 0;
    const segments: { column: number; source: number | null }[] = [];
    for (const text of group.split(',')) {
      if (!text) continue;
      const fields = decodeVlq(text);
      column += fields[0] ?? 0;
      if (fields.length >= 4) {
        source += fields[1] ?? 0;
        segments.push({ column, source });
      } else {
        segments.push({ column, source: null });
      }
    }
    segments.forEach((segment, i) => {
      const end = segments[i + 1]?.column ?? line.length;
      if (segment.source === null) return;
      const name = map.sources[segment.source] ?? '(unknown)';
      out.set(name, (out.get(name) ?? 0) + Math.max(0, end - segment.column));
    });
  });
  return out;
}

/** A readable module name: the package for node_modules paths, else the path from src/. */
export function moduleName(source: string): string {
  const nm = source.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = source.slice(nm + 'node_modules/'.length).split('/');
    const pkg = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? source);
    return `${pkg}: ${rest.slice(rest[0]?.startsWith('@') ? 2 : 1).join('/')}`;
  }
  const src = source.indexOf('src/');
  return src >= 0 ? source.slice(src) : source.replace(/^(\.\.\/)+/, '');
}

/** The package of a module name from `moduleName`, or 'app' for the app's own code. */
export const packageOf = (name: string): string =>
  name.includes(': ') ? name.split(': ')[0]! : name.startsWith('src/') ? 'haven web (src/)' : name;
