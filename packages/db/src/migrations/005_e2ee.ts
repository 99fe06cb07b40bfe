import { sql, type Kysely, type Migration } from 'kysely';

/**
 * End-to-end encrypted media, asked for by a group (every one of its sessions) or by
 * one session (an individual visit, say).
 */
export const endToEnd: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const table of ['groups', 'sessions'])
      await db.schema
        .alterTable(table)
        .addColumn('e2ee', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`e2ee in (0, 1)`),
        )
        .execute();
  },
};
