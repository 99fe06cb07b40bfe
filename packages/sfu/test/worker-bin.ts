import { accessSync, constants, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** Where scripts/mediasoup-worker.sh leaves its builds, one folder per `<version>-<suffix>`. */
export const WORKER_CACHE = join(homedir(), '.cache', 'haven', 'mediasoup-worker');

function mediasoupVersion(): string {
  const require = createRequire(import.meta.url);
  // The package's exports hide package.json; its main file sits at node/lib/index.js.
  const root = join(dirname(require.resolve('mediasoup')), '..', '..');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * The mediasoup-worker binary the tests run: MEDIASOUP_WORKER_BIN when set, else the
 * newest build for the installed mediasoup version in the cache. Throws with the fix
 * when there is none.
 */
export function resolveWorkerBin(): string {
  const fromEnv = process.env['MEDIASOUP_WORKER_BIN'];
  if (fromEnv) {
    assertExecutable(fromEnv, 'MEDIASOUP_WORKER_BIN');
    return fromEnv;
  }
  const version = mediasoupVersion();
  let candidates: { path: string; mtime: number }[] = [];
  try {
    candidates = readdirSync(WORKER_CACHE)
      .filter((name) => name.startsWith(`${version}-`))
      .map((name) => join(WORKER_CACHE, name, 'mediasoup-worker'))
      .filter((path) => isExecutable(path))
      .map((path) => ({ path, mtime: statSync(path).mtimeMs }));
  } catch {
    // No cache folder yet: reported below.
  }
  candidates.sort((a, b) => b.mtime - a.mtime);
  const newest = candidates[0];
  if (!newest) {
    throw new Error(
      `No mediasoup-worker ${version} binary found: MEDIASOUP_WORKER_BIN is unset and ` +
        `${WORKER_CACHE}/${version}-*/mediasoup-worker does not exist. ` +
        'Build it with `bash scripts/mediasoup-worker.sh` from the repository root, ' +
        'or set MEDIASOUP_WORKER_BIN to a mediasoup-worker binary.',
    );
  }
  return newest.path;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function assertExecutable(path: string, origin: string): void {
  if (!isExecutable(path)) {
    throw new Error(`${origin}=${path} is not an executable file`);
  }
}
