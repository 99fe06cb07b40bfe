import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Database } from '@haven/db';
import { ConfigError, loadConfig } from '../config.js';

/** The embedded database's file in the data folder (the data layer's default name). */
const SQLITE_FILE = 'haven.sqlite';

/**
 * The database the server would use with this environment, migrated: for the commands.
 * Only the database settings matter here, so a production environment needs no signing
 * secret to run them.
 */
export async function configuredDatabase(opts: { existing?: boolean } = {}): Promise<Database> {
  const config = loadConfig({ ...process.env, HAVEN_ENV: 'development' });
  // A check of a database that is not there would make an empty one and find it intact.
  const file = path.join(config.dataDir, SQLITE_FILE);
  if (opts.existing && !config.databaseUrl && !fs.existsSync(file))
    throw new ConfigError(
      `No database at ${file}: set HAVEN_DATA_DIR (or DATABASE_URL) as the server has it.`,
    );
  const db = await openDatabase({
    ...(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir }),
    ...(config.databaseSchema ? { schema: config.databaseSchema } : {}),
  });
  await db.migrate();
  return db;
}

/** Runs a command and exits with its code; a bad setting or a failure is one line on stderr. */
export function runCommand(main: () => Promise<number>, failed: string): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof ConfigError ? err.message : `${failed}: ${String(err)}`);
      process.exit(1);
    },
  );
}
