import { sql, type Kysely, type Migration } from 'kysely';

/** Programs can be closed, keeping their history, instead of being deleted. */
export const programActive: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('programs')
      .addColumn('active', 'integer', (c) =>
        c
          .notNull()
          .defaultTo(1)
          .check(sql`active in (0, 1)`),
      )
      .execute();
  },
};
