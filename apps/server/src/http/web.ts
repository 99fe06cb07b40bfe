import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { FastifyStaticOptions } from '@fastify/static';

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

/** Files under assets/ carry a hash of their content in their name: they never change. */
const HASHED = /[\\/]assets[\\/][^\\/]+$/;

/**
 * How the web app is served. The build writes a Brotli and a gzip copy of each text file
 * (apps/web/vite.config.ts): the browser gets the one it accepts, with no compression
 * work per request. Hashed assets are cached for a year and never revalidated; anything
 * else (index.html) is revalidated on every load, so a new release is picked up at once.
 */
export function webStatic(root: string): FastifyStaticOptions {
  return {
    root,
    wildcard: false,
    // The compressed copies are sent in place of their file, never under their own name.
    globIgnore: ['**/*.br', '**/*.gz'],
    preCompressed: true,
    cacheControl: false,
    setHeaders(res, file) {
      // A shared cache must keep the copies apart.
      res.setHeader('vary', 'Accept-Encoding');
      res.setHeader(
        'cache-control',
        HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  };
}
