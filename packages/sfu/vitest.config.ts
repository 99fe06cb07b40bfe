import { defineConfig } from 'vitest/config';
import { reporters } from '../../vitest.shared.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Resolves the mediasoup-worker binary (MEDIASOUP_WORKER_BIN) before any test runs.
    globalSetup: ['./test/global-setup.ts'],
    // Every test starts real worker processes: keep the files sequential on small machines.
    fileParallelism: false,
    testTimeout: 10_000,
    hookTimeout: 10_000,
    reporters: reporters('sfu'),
  },
});
