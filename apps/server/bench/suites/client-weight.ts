import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { goalRow, type Bench } from '../lib/result.js';
import { bytesBySource, moduleName, packageOf, type SourceMap } from '../lib/sourcemap.js';
import { kb } from '../lib/stats.js';

const WEB_DIST = fileURLToPath(new URL('../../../../web/dist', import.meta.url));
/** The pages a patient's link goes through: the invite page, then the call. */
const JOIN_ROUTE_CHUNKS = ['JoinPage', 'CallPage'];
/** mediasoup-client's WebRTC handlers that only other browsers than Chromium download. */
const OTHER_BROWSERS = /^assets\/(?:Chrome74|Firefox120|Safari12|ReactNative106)-/;
/** What only a session with end-to-end encrypted media downloads: its code and frame worker. */
const ENCRYPTED_ONLY = /^assets\/(?:e2ee|worker)-[\w-]+\.js$/;
/** What the call downloads only when the person asks for it: the device menu. */
const ON_REQUEST = /^assets\/DeviceMenu-[\w-]+\.js$/;

/** Files of the entry point's lazy import of `chunk` (the chunk and its preload list). */
function lazyImport(entry: string, chunk: string, deps: string[]): string[] {
  const pattern = new RegExp(
    `import\\([\`'"]\\./(${chunk}-[\\w-]+\\.js)[\`'"]\\)(?:,__vite__mapDeps\\(\\[([\\d,]*)\\]\\))?`,
  );
  const match = pattern.exec(entry);
  if (!match) throw new Error(`the entry has no lazy import of ${chunk}`);
  const indices = (match[2] ?? '').split(',').filter(Boolean).map(Number);
  return [`assets/${match[1]}`, ...indices.map((i) => deps[i]!).filter(Boolean)];
}

/**
 * The chunks' imports, recursively: static ones, and the on-demand ones of the route chunks
 * (not of the entry, whose on-demand imports are the other pages) that a Chromium browser
 * makes: the media engine and its WebRTC handler, not other browsers' handlers.
 */
function withImports(dir: string, files: Set<string>, entry: string): Set<string> {
  const queue = [...files].filter((f) => f.endsWith('.js'));
  while (queue.length > 0) {
    const file = queue.pop()!;
    const code = fs.readFileSync(path.join(dir, file), 'utf8');
    const imports =
      file === entry
        ? /(?:from|import)\s*["'`]\.\/([\w.-]+\.js)["'`]/g
        : /(?:from|import)\s*\(?\s*["'`]\.\/([\w.-]+\.js)["'`]/g;
    for (const m of code.matchAll(imports)) {
      const dep = `assets/${m[1]}`;
      const elsewhere = [OTHER_BROWSERS, ENCRYPTED_ONLY, ON_REQUEST].some((p) => p.test(dep));
      if (!files.has(dep) && !elsewhere) {
        files.add(dep);
        queue.push(dep);
      }
    }
  }
  return files;
}

/** The files a patient's browser downloads to join: index.html's script and styles, and the join route's chunks. */
export function joinPathFiles(dir: string): string[] {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/(?:src|href)="\/(assets\/[\w.-]+\.(?:js|css))"/g)].map(
    (m) => m[1]!,
  );
  const entryJs = entries.find((f) => f.endsWith('.js'));
  if (!entryJs) throw new Error('index.html has no module script');
  const entry = fs.readFileSync(path.join(dir, entryJs), 'utf8');
  const deps =
    /m\.f=\[([^\]]*)\]/
      .exec(entry)?.[1]
      ?.split(',')
      .map((s) => s.trim().slice(1, -1)) ?? [];
  const files = new Set(entries);
  for (const chunk of JOIN_ROUTE_CHUNKS)
    for (const f of lazyImport(entry, chunk, deps)) files.add(f);
  return [...withImports(dir, files, entryJs)].sort();
}

/**
 * The bytes the server sends for `file` to a browser that accepts `encoding`: the build's
 * compressed copy (apps/web/vite.config.ts writes one where it is smaller), else the file.
 */
function sent(file: string, encoding: 'gz' | 'br', raw: number): number {
  const copy = path.join(WEB_DIST, `${file}.${encoding}`);
  return fs.existsSync(copy) ? fs.statSync(copy).size : raw;
}

/** The files only an end-to-end encrypted session downloads, on top of the join path. */
export function encryptedOnlyFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(dir, 'assets'))
    .map((f) => `assets/${f}`)
    .filter((f) => ENCRYPTED_ONLY.test(f))
    .sort();
}

/** 7. Client weight: the patient join path's JavaScript and CSS, as the server sends them. */
export const clientWeight: Bench = async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('apps/web is not built');
  const files = joinPathFiles(WEB_DIST);
  const sizes = files.map((file) => {
    const raw = fs.statSync(path.join(WEB_DIST, file)).size;
    return { file, raw, gzip: sent(file, 'gz', raw), br: sent(file, 'br', raw) };
  });
  const total = sizes.reduce((n, s) => n + s.gzip, 0);
  const brotli = sizes.reduce((n, s) => n + s.br, 0);
  const js = sizes.filter((s) => s.file.endsWith('.js')).reduce((n, s) => n + s.gzip, 0);
  const css = total - js;
  const encrypted = encryptedOnlyFiles(WEB_DIST).reduce((n, file) => {
    const raw = fs.statSync(path.join(WEB_DIST, file)).size;
    return n + sent(file, 'gz', raw);
  }, 0);
  const modules = new Map<string, number>();
  for (const { file } of sizes.filter((s) => s.file.endsWith('.js'))) {
    const mapFile = path.join(WEB_DIST, `${file}.map`);
    if (!fs.existsSync(mapFile)) continue;
    const map = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as SourceMap;
    for (const [source, bytes] of bytesBySource(
      fs.readFileSync(path.join(WEB_DIST, file), 'utf8'),
      map,
    )) {
      const name = moduleName(source);
      modules.set(name, (modules.get(name) ?? 0) + bytes);
    }
  }
  const minified = [...modules.values()].reduce((a, b) => a + b, 0);
  const packages = new Map<string, number>();
  for (const [name, bytes] of modules)
    packages.set(packageOf(name), (packages.get(packageOf(name)) ?? 0) + bytes);
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return {
    id: 'client-weight',
    title: '7. Client weight',
    rows: [
      goalRow(
        'patient join path, JS + CSS gzip',
        total / 1000,
        `${kb(total)} (JS ${kb(js)}, CSS ${kb(css)})`,
        {
          op: '<=',
          limit: 150,
          text: '<= 150 KB',
        },
      ),
      {
        metric: 'same, Brotli (what the server sends a browser that accepts it)',
        value: kb(brotli),
      },
      {
        metric: 'an end-to-end encrypted session adds (gzip)',
        value: `${kb(encrypted)} (its key code and frame worker, loaded once admitted)`,
      },
      {
        metric: 'largest packages on the path (minified)',
        value: top(packages, 3)
          .map(([p, b]) => `${p} ${kb(b)}`)
          .join(', '),
      },
    ],
    details: [
      'Method: the files index.html loads (entry script and stylesheet), plus the lazy chunks the router loads for a patient link (JoinPage, then CallPage) with the preload list Vite gives each lazy import (`__vite__mapDeps`), plus every import of those chunks, recursively: static ones, and the on-demand ones a Chromium browser makes in a call (the mediasoup-client Device and its Chrome111 handler; the handlers of other browsers are left out, and so are the end-to-end encryption chunk and its worker, which only encrypted sessions load, counted apart, and the device menu, which loads when the person opens it). Each file counts the bytes the server sends: the gzip copy (level 9) or Brotli copy (quality 11) the build writes beside it, which the server sends to browsers that accept that encoding (@fastify/static `preCompressed`). KB = 1000 bytes.',
      '',
      '| File | Minified | Gzip | Brotli |',
      '| --- | --- | --- | --- |',
      ...sizes.map((s) => `| ${s.file} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.br)} |`),
      '',
      `Largest modules, by minified characters the source maps attribute to them (of ${kb(minified)} mapped):`,
      '',
      '| Module | Minified | Share |',
      '| --- | --- | --- |',
      ...top(modules, 12).map(
        ([m, b]) => `| ${m} | ${kb(b)} | ${((b / minified) * 100).toFixed(1)} % |`,
      ),
      '',
      'By package: ' +
        top(packages, 8)
          .map(([p, b]) => `${p} ${kb(b)}`)
          .join(', ') +
        '.',
    ],
  };
};
