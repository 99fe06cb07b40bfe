import type { Kysely, Migration } from 'kysely';

/**
 * Which node runs each live session. With several nodes, every connection of a session
 * must reach the node that holds its room: two nodes running one session would keep two
 * rooms and two interleaved ledgers of it.
 */
export const sessionHosts: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('session_hosts')
      .addColumn('session_id', 'text', (c) => c.primaryKey())
      .addColumn('node_id', 'text', (c) => c.notNull())
      .addColumn('claimed_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
