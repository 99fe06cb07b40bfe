import { defineConfig } from 'vitest/config';
import { reporters } from '../../vitest.shared.js';

const browser = process.argv.includes('browser');

export default defineConfig({
  test: {
    globalSetup: ['./test/helpers/global-setup.ts'],
    // Tests start real mediasoup workers and servers: one file at a time on small machines.
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: reporters(browser ? 'server-browser' : 'server'),
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/browser/**'] },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          setupFiles: ['./test/browser/setup.ts'],
          testTimeout: 90_000,
        },
      },
    ],
  },
});
