import fp from 'fastify-plugin';
import { openDatabase, type Database } from '@haven/db';
import type { Config } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
}

/** SQLite under the data directory by default; PostgreSQL when DATABASE_URL is set. Migrates at start. */
export const dbPlugin = fp<{ config: Config; clock: () => number }>(
  async (app, { config, clock }) => {
    const database = await openDatabase({
      ...(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir }),
      ...(config.databaseSchema ? { schema: config.databaseSchema } : {}),
      // A lost database connection and a failed migration are logged, not silent.
      logger: app.log,
      now: clock,
    });
    await database.migrate();
    app.log.info({ dialect: database.dialect }, 'database ready');
    app.decorate('db', database);
    app.addHook('onClose', async () => {
      await database.close();
    });
  },
  { name: 'haven-db' },
);
