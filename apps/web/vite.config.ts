import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The Haven server listens here in development; the dev server forwards the API and
// the signaling socket to it so the browser sees a single origin, as in production.
const server = 'http://127.0.0.1:8080';

/** The handlers mediasoup-client's Device module requires, one per kind of browser. */
const HANDLERS = new Set(['Chrome111', 'Chrome74', 'Firefox120', 'Safari12', 'ReactNative106']);
const HANDLER_STUB = '\0haven-mediasoup-handler:';
const VERSION_ONLY = '\0haven-mediasoup-version';

/**
 * mediasoup-client is CommonJS, so importing it takes its whole index (test fixtures
 * included), and its Device module requires the handler of every browser although a
 * Device given a handler factory never uses them. In the build, the call's device module
 * (src/call/device.ts) gets the Device module alone, with stand-ins for those handlers;
 * device.ts then downloads the one handler this browser needs. The library's own modules
 * that require its index for the version number get the version number alone.
 */
function mediasoupDeviceOnly(): Plugin {
  const lib = path.dirname(createRequire(import.meta.url).resolve('mediasoup-client'));
  const deviceModule = path.join(lib, 'Device.js');
  const { version } = JSON.parse(fs.readFileSync(path.join(lib, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return {
    name: 'haven:mediasoup-device-only',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'mediasoup-client' && importer?.endsWith('/src/call/device.ts'))
        return deviceModule;
      const handler = /^\.\/handlers\/(\w+)$/.exec(source)?.[1];
      if (importer === deviceModule && handler && HANDLERS.has(handler))
        return HANDLER_STUB + handler;
      if (importer?.startsWith(lib) && path.resolve(path.dirname(importer), source) === lib)
        return VERSION_ONLY;
      return null;
    },
    load(id) {
      if (id === VERSION_ONLY) return `exports.version = ${JSON.stringify(version)};`;
      if (!id.startsWith(HANDLER_STUB)) return null;
      const name = id.slice(HANDLER_STUB.length);
      const message = `mediasoup-client ${name} is loaded on demand: give the Device a handlerFactory`;
      return `exports.${name} = { createFactory() { throw new Error(${JSON.stringify(message)}); } };`;
    },
  };
}

export default defineConfig({
  plugins: [react(), mediasoupDeviceOnly()],
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: true },
      '/socket.io': { target: server, ws: true, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Prints the gzip size of every chunk; the call chunk is loaded only on /room/*.
    reportCompressedSize: true,
  },
});
