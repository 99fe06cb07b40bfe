import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../context.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against the schema as it was then */

// Part of migration 001_initial: the attendance ledger tables, and helpers for both files.

export const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
export const flag = (column: string) => sql`${sql.ref(column)} in (0, 1)`;

/** The attendance ledger: stays, append-only events, heartbeats, sign-offs, corrections. */
export async function createLedgerTables(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const s = db.schema;
  await s
    .createTable('attendance_stays')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) =>
      c.notNull().check(oneOf('subject_kind', ['patient', 'staff'])),
    )
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('first_event_at', 'bigint', (c) => c.notNull())
    .addColumn('last_event_at', 'bigint', (c) => c.notNull())
    .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0).check(flag('closed')))
    .addUniqueConstraint('attendance_stays_one_per_person', ['session_id', 'subject_id'])
    .execute();
  await s
    .createIndex('attendance_stays_subject')
    .on('attendance_stays')
    .column('subject_id')
    .execute();
  await s.createIndex('attendance_stays_closed').on('attendance_stays').column('closed').execute();

  await s
    .createTable('attendance_events')
    .addColumn('seq', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
      dialect === 'postgres'
        ? c.primaryKey().generatedAlwaysAsIdentity()
        : c.primaryKey().autoIncrement(),
    )
    .addColumn('stay_id', 'text', (c) => c.notNull().references('attendance_stays.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('check_in_id', 'text', (c) => c.references('check_ins.id'))
    .addColumn('data', 'text')
    .addColumn('node_id', 'text')
    .execute();
  await s
    .createIndex('attendance_events_session')
    .on('attendance_events')
    .columns(['session_id', 'seq'])
    .execute();
  await s
    .createIndex('attendance_events_stay')
    .on('attendance_events')
    .columns(['stay_id', 'seq'])
    .execute();

  await s
    .createTable('attendance_heartbeats')
    .addColumn('node_id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();

  await s
    .createTable('roster_signoffs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
    .addColumn('signed_by', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('signed_at', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await s
    .createIndex('roster_signoffs_session')
    .on('roster_signoffs')
    .column('session_id')
    .execute();

  await s
    .createTable('attendance_corrections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('stay_id', 'text', (c) => c.notNull().references('attendance_stays.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(trim(reason)) > 0`))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await s
    .createIndex('attendance_corrections_session')
    .on('attendance_corrections')
    .column('session_id')
    .execute();
}
