import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The Haven server listens here in development; the dev server forwards the API and
// the signaling socket to it so the browser sees a single origin, as in production.
const server = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
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
