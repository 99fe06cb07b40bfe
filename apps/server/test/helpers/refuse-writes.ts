import { sql } from 'kysely';
import type { Database } from '@haven/db';

export interface Refusal {
  /** A name for the trigger, unique in the test. */
  name: string;
  table: string;
  operation: 'insert' | 'update';
  /** Only rows matching this condition on NEW are refused (same syntax on both backends). */
  when?: string;
}

/**
 * Makes the database itself refuse some writes, as a full disk or a lost connection
 * would, so that a test can check nothing is left half-done. Returns what lifts it.
 */
export async function refuseWrites(db: Database, r: Refusal): Promise<() => Promise<void>> {
  const when = r.when ? `when (${r.when})` : '';
  if (db.dialect === 'sqlite') {
    await sql
      .raw(
        `create trigger ${r.name} before ${r.operation} on ${r.table} ${when}
         begin select raise(abort, 'refused by the test'); end`,
      )
      .execute(db.db);
    return async () => void (await sql.raw(`drop trigger ${r.name}`).execute(db.db));
  }
  await sql
    .raw(
      `create function ${r.name}() returns trigger language plpgsql
       as $$ begin raise exception 'refused by the test'; end $$`,
    )
    .execute(db.db);
  await sql
    .raw(
      `create trigger ${r.name} before ${r.operation} on ${r.table}
       for each row ${when} execute function ${r.name}()`,
    )
    .execute(db.db);
  return async () => {
    await sql.raw(`drop trigger ${r.name} on ${r.table}`).execute(db.db);
    await sql.raw(`drop function ${r.name}()`).execute(db.db);
  };
}

/** Makes the database refuse every ledger event of one type. */
export const refuseLedgerEvents = (db: Database, type: string) =>
  refuseWrites(db, {
    name: `refuse_${type}`,
    table: 'attendance_events',
    operation: 'insert',
    when: `new.type = '${type}'`,
  });
