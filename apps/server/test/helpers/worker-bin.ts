import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The worker binary: MEDIASOUP_WORKER_BIN, else the newest build in the cache scripts/mediasoup-worker.sh fills. */
export function resolveWorkerBin(): string {
  const fromEnv = process.env['MEDIASOUP_WORKER_BIN'];
  if (fromEnv) return fromEnv;
  const cache = join(
    process.env['HAVEN_CACHE_DIR'] ?? join(homedir(), '.cache', 'haven'),
    'mediasoup-worker',
  );
  const builds = safeList(cache)
    .map((d) => join(cache, d, 'mediasoup-worker'))
    .filter((p) => {
      try {
        accessSync(p, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    })
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!builds[0])
    throw new Error('No mediasoup-worker binary: run `bash scripts/mediasoup-worker.sh` first.');
  return builds[0];
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
