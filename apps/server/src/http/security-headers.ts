import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/** Inline scripts of a page (a `<script>` without `src`): their text, as the browser hashes it. */
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi;

/** The CSP source that allows each inline script of `html`, and nothing else inline. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const [, body = ''] of html.matchAll(INLINE_SCRIPT)) {
    if (body.trim() === '') continue;
    hashes.push(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
  }
  return hashes;
}

/**
 * What the web app may load and run: its own files, the inline script of its page (by
 * hash) and no other, and requests to its own origin (the API and the signaling
 * WebSocket). Nothing may frame it, so a page elsewhere cannot lay its admit and remove
 * buttons under a visitor's clicks. Video comes from MediaStreams, which no fetch
 * directive governs.
 */
export function contentSecurityPolicy(scriptHashes: readonly string[]): string {
  return [
    "default-src 'self'",
    ['script-src', "'self'", ...scriptHashes].join(' '),
    // The dialog and menu components add style elements of their own: the page's scroll
    // lock sized to the scrollbar, a menu's hidden scrollbar. Scripts stay strict.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Headers on every response, API and pages alike. The app asks for the camera, the
 * microphone and the screen; no embedded content may, and nothing else is asked for.
 * No referrer leaves: a room link's path names the room. HSTS only over HTTPS (direct,
 * or as the proxy in front says), where it can be kept. No API answer is stored by the
 * browser or a proxy: they carry names, check-ins and attendance, and a patient's
 * browser may be the family's.
 *
 * No Cross-Origin-Opener-Policy: the app opens no windows and needs no isolation, and
 * the header makes Chromium move a new tab's first page into a fresh renderer process,
 * 150-200 ms more before a room link's page is parsed (docs/BENCHMARKS.md).
 */
export function registerSecurityHeaders(app: FastifyInstance, webDir: string | undefined): void {
  const html = webDir ? fs.readFileSync(path.join(webDir, 'index.html'), 'utf8') : '';
  const headers: Record<string, string> = {
    'content-security-policy': contentSecurityPolicy(inlineScriptHashes(html)),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy':
      'camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=()',
  };
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(headers);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
  });
}
