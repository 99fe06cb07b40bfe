/**
 * The real server in a process of its own, so that clients in the bench process do not
 * share its event loop: buildApp on a loopback port, reporting its CPU and memory on
 * request. Started by lib/server.ts with the environment it should load.
 */
import pino from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

type Request = { type: 'stats'; id: number; gc?: boolean } | { type: 'close' };

const config = loadConfig(process.env);
const app = await buildApp(config, { logger: pino({ level: 'silent' }) });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.send?.({ type: 'ready', port });

process.on('message', (request: Request) => {
  if (request.type === 'stats') {
    if (request.gc) (globalThis as { gc?: () => void }).gc?.();
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    process.send?.({
      type: 'stats',
      id: request.id,
      cpuMicros: cpu.user + cpu.system,
      heapUsed: memory.heapUsed,
      rss: memory.rss,
      external: memory.external,
    });
  } else if (request.type === 'close') {
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    void app.close().then(() => process.exit(0));
  }
});
// The bench went away: do not outlive it.
process.on('disconnect', () => void app.close().then(() => process.exit(0)));
