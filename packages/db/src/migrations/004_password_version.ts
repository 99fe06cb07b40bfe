import type { Kysely, Migration } from 'kysely';

/**
 * How many times each staff member's password has been changed. An access token carries
 * the count it was signed under, so a new password refuses every token signed before it.
 */
export const passwordVersion: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('staff_users')
      .addColumn('password_version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
