import { configuredDatabase, runCommand } from './command.js';

/**
 * `npm run audit:verify`: checks the audit trail's hash chain in the configured
 * database and names the first broken entry. Exits 0 when intact, 2 when broken.
 */
async function main(): Promise<number> {
  const db = await configuredDatabase({ existing: true });
  try {
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

runCommand(main, 'audit verification failed');
