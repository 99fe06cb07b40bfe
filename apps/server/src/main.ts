import fs from 'node:fs';
import { ConfigError, loadConfig } from './config.js';
import { buildApp } from './app.js';
import { createLogger } from './logger.js';

/** The process: config -> logger -> app -> listen; close cleanly on signals. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  if (config.tls) {
    config.tls = {
      cert: fs.readFileSync(config.tls.cert, 'utf8'),
      key: fs.readFileSync(config.tls.key, 'utf8'),
    };
  }
  const logger = createLogger(config.logLevel);
  const app = await buildApp(config, { logger });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  await app.clinic.announce(app);
}

main().catch((err: unknown) => {
  console.error('Haven failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
