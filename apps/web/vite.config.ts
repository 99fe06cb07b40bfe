import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin, type Rollup } from 'vite';
import react from '@vitejs/plugin-react';

// The Haven server listens here in development; the dev server forwards the API and
// the signaling socket to it so the browser sees a single origin, as in production.
const server = 'http://127.0.0.1:8080';

/** The handlers mediasoup-client's Device module requires, one per kind of browser. */
const HANDLERS = new Set(['Chrome111', 'Chrome74', 'Firefox120', 'Safari12', 'ReactNative106']);
/** mediasoup-client and its dependencies, without the browser handlers. */
const MEDIA_ENGINE =
  /[\\/]node_modules[\\/](?:mediasoup-client[\\/]lib[\\/](?!handlers[\\/]\w+\.js$)|(?:sdp-transform|h264-profile-level-id|awaitqueue|debug|ms|events-alias)[\\/])/;
const HANDLER_STUB = '\0haven-mediasoup-handler:';
const VERSION_ONLY = '\0haven-mediasoup-version';
const SILENT_DEBUG = '\0haven-silent-debug';
const NO_DATA_CHANNEL = '\0haven-mediasoup-no-data:';
const EVENT_EMITTER = fileURLToPath(new URL('./src/call/eventEmitter.ts', import.meta.url));

/**
 * mediasoup-client is CommonJS, so importing it takes its whole index (test fixtures
 * included), and its Device module requires the handler of every browser although a
 * Device given a handler factory never uses them. In the build, the call's device module
 * (src/call/device.ts) gets the Device module alone, with stand-ins for those handlers;
 * device.ts then downloads the one handler this browser needs. The library's own modules
 * that require its index for the version number get the version number alone.
 *
 * Its logs go through `debug`, which prints nothing unless localStorage.debug names them:
 * the build gives it a silent stand-in (the development server keeps the real one).
 * Haven's calls carry no data channels (chat goes over the signaling socket), so its
 * DataProducer and DataConsumer classes get stand-ins that refuse to be made. Its events
 * go through Node's EventEmitter, from the `events` package (a full port, 6 KB): the
 * build gives it src/call/eventEmitter.ts, the part of it mediasoup-client uses.
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
      if (source === 'debug' && importer && MEDIA_ENGINE.test(importer)) return SILENT_DEBUG;
      if (source === 'events-alias' && importer && MEDIA_ENGINE.test(importer))
        return EVENT_EMITTER;
      const data = /^\.\/(Data(?:Producer|Consumer))$/.exec(source)?.[1];
      if (data && importer === path.join(lib, 'Transport.js')) return NO_DATA_CHANNEL + data;
      return null;
    },
    load(id) {
      if (id === VERSION_ONLY) return `exports.version = ${JSON.stringify(version)};`;
      if (id === SILENT_DEBUG)
        return 'function debug() { const log = () => {}; log.enabled = false; return log; }\ndebug.default = debug;\nmodule.exports = debug;';
      if (id.startsWith(NO_DATA_CHANNEL)) {
        const name = id.slice(NO_DATA_CHANNEL.length);
        const message = `mediasoup-client's ${name} is left out of the build: Haven opens no data channels`;
        return `exports.${name} = class ${name} { constructor() { throw new Error(${JSON.stringify(message)}); } };`;
      }
      if (!id.startsWith(HANDLER_STUB)) return null;
      const name = id.slice(HANDLER_STUB.length);
      const message = `mediasoup-client ${name} is loaded on demand: give the Device a handlerFactory`;
      return `exports.${name} = { createFactory() { throw new Error(${JSON.stringify(message)}); } };`;
    },
  };
}

const NO_WEBTRANSPORT = '\0haven-no-webtransport';

/**
 * engine.io-client registers a WebTransport transport (with the parser's stream codecs
 * it alone uses) beside WebSocket and HTTP polling. The call asks for `websocket` then
 * `polling` only (src/call/options.ts), and a Haven server offers no WebTransport, so the
 * build gives that module a stand-in that refuses to start.
 */
function withoutWebTransport(): Plugin {
  return {
    name: 'haven:without-webtransport',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      const transports = /[\\/]engine\.io-client[\\/]build[\\/]esm[\\/]transports[\\/]index\.js$/;
      return source === './webtransport.js' && importer && transports.test(importer)
        ? NO_WEBTRANSPORT
        : null;
    },
    load(id) {
      if (id !== NO_WEBTRANSPORT) return null;
      return 'export class WT { constructor() { throw new Error("WebTransport is not used: the call connects over WebSocket or HTTP polling"); } }';
    },
  };
}

const NO_BINARY = '\0haven-no-binary-packets';
const NO_BASE64 = '\0haven-no-base64-packets';

/**
 * socket.io's parser looks through every packet for binary data (ArrayBuffers, Blobs) to
 * send as attachments, and can rebuild packets that came with some; engine.io's decodes
 * binary sent as base64 over HTTP polling. Haven's messages are JSON only, both ways (the
 * protocol's schemas admit no binary), so the build gives those helpers stand-ins:
 * nothing is binary, and a binary packet would be refused.
 */
function withoutBinaryPackets(): Plugin {
  const refuse = 'throw new Error("Haven sends and receives no binary socket.io packets")';
  const standIns: { importer: RegExp; source: string; id: string; code: string }[] = [
    {
      importer: /[\\/]socket\.io-parser[\\/]build[\\/]esm[\\/]index\.js$/,
      source: './binary.js',
      id: NO_BINARY,
      code: [
        `export function deconstructPacket() { ${refuse}; }`,
        `export function reconstructPacket() { ${refuse}; }`,
      ].join('\n'),
    },
    {
      importer: /[\\/]socket\.io-parser[\\/]build[\\/]esm[\\/]index\.js$/,
      source: './is-binary.js',
      id: `${NO_BINARY}-is`,
      code: 'export const isBinary = () => false;\nexport const hasBinary = () => false;',
    },
    {
      importer: /[\\/]engine\.io-parser[\\/]build[\\/]esm[\\/]decodePacket\.browser\.js$/,
      source: './contrib/base64-arraybuffer.js',
      id: NO_BASE64,
      code: `export const decode = () => { ${refuse}; };`,
    },
  ];
  return {
    name: 'haven:without-binary-packets',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      const standIn = standIns.find(
        (s) => s.source === source && importer && s.importer.test(importer),
      );
      return standIn ? standIn.id : null;
    },
    load(id) {
      return standIns.find((s) => s.id === id)?.code ?? null;
    },
  };
}

/** A chunk's file and its static imports, recursively. */
function withImports(bundle: Rollup.OutputBundle, fileName: string, into = new Set<string>()) {
  const chunk = bundle[fileName];
  if (into.has(fileName) || chunk?.type !== 'chunk') return into;
  into.add(fileName);
  for (const dep of chunk.imports) withImports(bundle, dep, into);
  return into;
}

/**
 * The pages a patient's link opens (/room/:id, /join) are downloaded while the entry
 * script (React) is, not after it ran: a small script in the page's head adds module
 * preloads for that address's chunks, and for a room the media engine, with the handler
 * of Chromium browsers (Chrome, Edge, Opera) whose user agent says so: downloaded
 * only once the call starts, it held the browser's capabilities back until after some
 * admissions. Other browsers download their own handler then, as before. Other pages are
 * not affected.
 */
function preloadPatientPages(): Plugin {
  const pages = [
    { path: '^/room/[^/]+/?$', page: '/src/features/session/CallPage.tsx', engine: true },
    { path: '^/join/?$', page: '/src/features/join/JoinPage.tsx', engine: false },
  ];
  return {
    name: 'haven:preload-patient-pages',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle, chunk: entry }) {
        if (!bundle || !entry) return html;
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
        const loaded = withImports(bundle, entry.fileName);
        const routes = pages.map(({ path: pattern, page, engine }) => {
          const chunk = chunks.find((c) => c.facadeModuleId?.endsWith(page));
          if (!chunk) throw new Error(`no chunk for ${page}`);
          const files = withImports(bundle, chunk.fileName);
          const media = chunks.find((c) => c.name === 'mediasoup');
          if (engine && media) withImports(bundle, media.fileName, files);
          const handler = new Set<string>();
          const chromium = chunks.find((c) => c.facadeModuleId?.endsWith(CHROMIUM_HANDLER));
          if (engine && chromium) withImports(bundle, chromium.fileName, handler);
          const paths = (set: Set<string>, skip: Set<string>) =>
            [...set].filter((f) => !loaded.has(f) && !skip.has(f)).map((f) => `/${f}`);
          return [pattern, paths(files, new Set()), paths(handler, files)];
        });
        // mediasoup-client gives Chromium 111 and later (Chrome, Edge, Opera) the Chrome111 handler.
        const script = `(function(){var p=location.pathname,c=/Chrome\\/(\\d+)/.exec(navigator.userAgent),r=${JSON.stringify(routes)};for(var i=0;i<r.length;i++)if(new RegExp(r[i][0]).test(p))r[i][1].concat(c&&+c[1]>=111?r[i][2]:[]).forEach(function(f){var l=document.createElement('link');l.rel='modulepreload';l.crossOrigin='';l.href=f;document.head.appendChild(l)})})()`;
        // Before the stylesheet: a classic script after one waits until it has loaded.
        const tag = `<script>${script}</script>`;
        const at = html.search(/<link rel="stylesheet"/);
        return at < 0
          ? html.replace('</head>', `${tag}\n</head>`)
          : `${html.slice(0, at)}${tag}\n    ${html.slice(at)}`;
      },
    },
  };
}

/** The handler mediasoup-client picks for Chromium 111 and later. */
const CHROMIUM_HANDLER = '/mediasoup-client/lib/handlers/Chrome111.js';

/**
 * Small modules the join page shares with the call screens and the staff pages: the error
 * sentences, the language switch, the guard against code that fails to load, the device
 * lists and pieces (the call's device menu uses them too), the API client, the devices'
 * constraints, two hooks, and the protocol's list of states. Split by who shares them,
 * they were several files of 0.2 to 4 KB gzip on a patient's path, each a request of
 * its own and each compressed alone; together they are one. Their own imports are all in the entry chunk,
 * so the group pulls nothing else in (a module added here must keep it so: a group takes
 * its modules' imports with it).
 */
const JOIN_SHARED = [
  /[\\/]src[\\/]ui[\\/](?:errorMessages\.ts|LocaleSwitch\.tsx|LoadGuard\.tsx)$/,
  /[\\/]src[\\/]api[\\/]client\.ts$/,
  /[\\/]src[\\/]call[\\/]constraints\.ts$/,
  /[\\/]src[\\/]features[\\/]join[\\/](?:DevicePieces\.tsx|audio\.ts|deviceList\.ts|deviceMessages\.ts)$/,
  /[\\/]src[\\/]features[\\/]session[\\/](?:useFocusOnMount|useDocumentLanguage)\.ts$/,
  /[\\/]packages[\\/]protocol[\\/]dist[\\/]states\.js$/,
];

/** What a browser downloads as text: worth sending compressed. */
const COMPRESSIBLE = /\.(?:html|js|css|svg|json|webmanifest)$/;

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every text file of the build,
 * at the highest levels, once: the server sends the copy the browser accepts
 * (@fastify/static `preCompressed`) and never compresses per request. A copy that would
 * not be smaller is not written, and the file goes as it is.
 */
function precompress(): Plugin {
  return {
    name: 'haven:precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      for (const fileName of Object.keys(bundle)) {
        if (!COMPRESSIBLE.test(fileName)) continue;
        const file = path.join(dir, fileName);
        const body = fs.readFileSync(file);
        const copies = {
          br: brotliCompressSync(body, {
            params: {
              [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
              [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          }),
          gz: gzipSync(body, { level: 9 }),
        };
        for (const [ext, copy] of Object.entries(copies))
          if (copy.length < body.length) fs.writeFileSync(`${file}.${ext}`, copy);
      }
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    mediasoupDeviceOnly(),
    withoutWebTransport(),
    withoutBinaryPackets(),
    preloadPatientPages(),
    precompress(),
  ],
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
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Everything the entry imports, in the entry's file. Left to itself, the bundler
            // gave React a file of its own, because the pages import it too: one more
            // request on every page, and 0.7 KB gzip more than in the entry.
            { name: 'index', tags: ['$initial'], priority: 1 },
            // The media engine in one file, compressed as one, and each browser's handler in
            // its own: split along the handlers, it would be three files that share little.
            { name: 'mediasoup', test: MEDIA_ENGINE },
            { name: 'shared', test: (id) => JOIN_SHARED.some((p) => p.test(id)) },
          ],
        },
      },
    },
  },
});
