import { openDatabase, type Database } from '@haven/db';
import { ConfigError, loadConfig } from '../config.js';

/**
 * The database the server would use with this environment, migrated: for the commands.
 * Only the database settings matter here, so a production environment needs no signing
 * secret to run them.
 */
export async function configuredDatabase(): Promise<Database> {
  const config = loadConfig({ ...process.env, HAVEN_ENV: 'development' });
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
