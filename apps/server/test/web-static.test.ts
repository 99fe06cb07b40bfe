import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineScriptHashes } from '../src/http/security-headers.js';
import { startServer, type TestServer } from './helpers/server.js';

/** The page's inline script (the build's route preloads stand in): allowed by its hash. */
const INLINE = 'document.documentElement.dataset.early = "1"';
const HTML = `<!doctype html><html><head><title>Haven</title><script type="module" crossorigin src="/assets/index-Ab12Cd34.js"></script><script>${INLINE}</script></head><body><div id="root"></div></body></html>`;
const SCRIPT = `export const greeting = ${JSON.stringify('hello '.repeat(400))};\n`;
const ASSET = '/assets/index-Ab12Cd34.js';
const TINY = '/assets/tiny-Ef56Gh78.js';

/** A built web app as apps/web's build writes it: each text file with a .br and a .gz copy. */
function webDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  for (const [file, body] of [
    ['index.html', HTML],
    [ASSET.slice(1), SCRIPT],
  ] as const) {
    const full = path.join(dir, file);
    fs.writeFileSync(full, body);
    fs.writeFileSync(`${full}.br`, brotliCompressSync(body));
    fs.writeFileSync(`${full}.gz`, gzipSync(body));
  }
  // A file too small to gain from compression has no copies (the build writes none).
  fs.writeFileSync(path.join(dir, TINY.slice(1)), 'export{};');
  return dir;
}

describe('the web app is served compressed and cached by kind of file', () => {
  let server: TestServer;
  let dir: string;

  beforeAll(async () => {
    dir = webDir();
    server = await startServer({ env: { HAVEN_WEB_DIR: dir, HAVEN_TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, encoding?: string) =>
    server.app.inject({
      method: 'GET',
      url,
      headers: encoding ? { 'accept-encoding': encoding } : {},
    });

  it('sends the Brotli copy to a browser that accepts it, gzip to one that accepts only that', async () => {
    const br = await get(ASSET, 'gzip, deflate, br, zstd');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);
    expect(br.rawPayload.length).toBeLessThan(SCRIPT.length / 10);

    const gz = await get(ASSET, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);

    const plain = await get(ASSET);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);

    // Without a compressed copy the file itself goes out, whatever the browser accepts.
    const tiny = await get(TINY, 'gzip, deflate, br, zstd');
    expect(tiny.statusCode).toBe(200);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body).toBe('export{};');
    expect(tiny.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('lets browsers keep hashed assets for good and revalidate the page itself', async () => {
    const asset = await get(ASSET, 'br');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const page = await get('/', 'br');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(page.rawPayload).toString()).toBe(HTML);

    // An address of the app's own router gets the page, compressed and revalidated too.
    const room = await get('/room/some-session', 'gzip, br');
    expect(room.statusCode).toBe(200);
    expect(room.headers['content-type']).toMatch(/text\/html/);
    expect(room.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(room.rawPayload).toString()).toBe(HTML);
  });

  it('never serves a compressed copy under its own name', async () => {
    for (const url of [`${ASSET}.br`, `${ASSET}.gz`, '/index.html.gz']) {
      const res = await get(url, 'br');
      expect(res.headers['content-type'] ?? '').not.toMatch(/javascript|octet-stream/);
      expect(res.body).not.toContain('hello');
    }
  });

  it('sends every response with a content security policy that allows only its own inline script', async () => {
    const hash = `'sha256-${createHash('sha256').update(INLINE).digest('base64')}'`;
    for (const url of ['/', '/room/some-session', ASSET, '/api/health', '/api/no-such-route']) {
      const res = await get(url, 'br');
      const policy = res.headers['content-security-policy'] as string;
      const directives = new Map(
        policy.split(';').map((d) => {
          const [name, ...sources] = d.trim().split(/\s+/);
          return [name, sources.join(' ')];
        }),
      );
      expect(directives.get('script-src'), url).toBe(`'self' ${hash}`);
      expect(directives.get('default-src'), url).toBe("'self'");
      expect(directives.get('connect-src'), url).toBe("'self'");
      expect(directives.get('frame-ancestors'), url).toBe("'none'");
      expect(directives.get('style-src'), url).toBe("'self' 'unsafe-inline'");
      expect(directives.get('object-src'), url).toBe("'none'");
      expect(policy, url).not.toMatch(/unsafe-eval|\*/);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      // It would cost a patient's first load a renderer process of its own (security-headers.ts).
      expect(res.headers['cross-origin-opener-policy'], url).toBeUndefined();
      expect(res.headers['permissions-policy'], url).toMatch(
        /camera=\(self\), microphone=\(self\)/,
      );
    }
  });

  it('lets nothing store an API answer, and leaves the caching of the app itself as it was', async () => {
    for (const url of ['/api/health', '/api/no-such-route', '/api/attendance/export.csv']) {
      expect((await get(url)).headers['cache-control'], url).toBe('no-store');
    }
    expect((await get('/')).headers['cache-control']).toBe('no-cache');
    expect((await get(ASSET)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('asks browsers to keep to HTTPS only when the request came over HTTPS', async () => {
    const plain = await get('/');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const proxied = await server.app.inject({
      method: 'GET',
      url: '/',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(proxied.headers['strict-transport-security']).toBe('max-age=31536000');
  });
});

describe('inline scripts of a page, hashed for its policy', () => {
  const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

  it('hashes each inline script exactly as written and leaves scripts with a src alone', () => {
    const html = [
      '<script type="module" crossorigin src="/assets/a.js"></script>',
      '<script>one()</script>',
      '<SCRIPT nonce="x">\n  two();\n</SCRIPT>',
      '<script src=/b.js></script>',
      '<script>  </script>',
    ].join('');
    expect(inlineScriptHashes(html)).toEqual([sha('one()'), sha('\n  two();\n')]);
    expect(inlineScriptHashes('<p>no scripts</p>')).toEqual([]);
  });
});
