import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/** Where the built web app is: configured, or the @haven/web workspace's dist; undefined when not built. */
export function findWebDir(configured: string | undefined): string | undefined {
  let dir: string;
  if (configured) {
    dir = path.resolve(configured);
  } else {
    try {
      const require = createRequire(import.meta.url);
      dir = path.join(path.dirname(require.resolve('@haven/web/package.json')), 'dist');
    } catch {
      return undefined;
    }
  }
  return fs.existsSync(path.join(dir, 'index.html')) ? dir : undefined;
}
