import { openDatabase } from '@haven/db';
import { ConfigError, loadConfig } from '../config.js';

/**
 * `npm run audit:verify`: checks the audit trail's hash chain in the configured
 * database and names the first broken entry. Exits 0 when intact, 2 when broken.
 */
async function main(): Promise<number> {
  const config = loadConfig({ HAVEN_ENV: 'development', ...process.env });
  const db = await openDatabase({
    ...(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir }),
    ...(config.databaseSchema ? { schema: config.databaseSchema } : {}),
  });
  try {
    await db.migrate();
    const result = await db.audit.verify();
    if (result.ok) {
      process.stdout.write(
        `audit trail intact: ${result.count} entries, head ${result.head?.hash ?? '(empty)'}\n`,
      );
      return 0;
    }
    process.stdout.write(
      `audit trail BROKEN at entry ${result.firstBrokenSeq}: ${result.reason}\n`,
    );
    return 2;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(
      err instanceof ConfigError ? err.message : `audit verification failed: ${String(err)}`,
    );
    process.exit(1);
  },
);
