import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The worker binary scripts/mediasoup-worker.sh built last, from its cache. */
export function resolveWorkerBin(): string {
  const cache = join(
    process.env['HAVEN_CACHE_DIR'] ?? join(homedir(), '.cache', 'haven'),
    'mediasoup-worker',
  );
  let entries: string[] = [];
  try {
    entries = readdirSync(cache);
  } catch {
    // no cache yet
  }
  const builds = entries
    .map((d) => join(cache, d, 'mediasoup-worker'))
    .filter((file) => {
      try {
        accessSync(file, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    })
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!builds[0])
    throw new Error('No mediasoup-worker binary: run `bash scripts/install.sh` first.');
  return builds[0];
}
