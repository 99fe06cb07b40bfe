import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../context.js';
import { createLedgerTables, flag, oneOf } from './001_initial_ledger.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against the schema as it was then */

/** Everything Haven stores, written once with the schema builder for both databases. */
export function initial(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      const s = db.schema;

      await s
        .createTable('staff_users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().check(oneOf('role', ['clinician', 'admin'])))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1).check(flag('active')))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await s
        .createTable('refresh_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('family_id', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .addColumn('replaced_by', 'text')
        .execute();
      await s
        .createIndex('refresh_tokens_family')
        .on('refresh_tokens')
        .column('family_id')
        .execute();
      await s.createIndex('refresh_tokens_user').on('refresh_tokens').column('user_id').execute();

      await s
        .createTable('patients')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('legal_name', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('contact_email', 'text')
        .addColumn('contact_phone', 'text')
        .addColumn('emergency_contact_name', 'text')
        .addColumn('emergency_contact_phone', 'text')
        .addColumn('state_of_residence', 'text')
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1).check(flag('active')))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await s
        .createTable('programs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('weekly_hours_required', 'double precision', (c) => c.notNull())
        .addColumn('billing_code', 'text', (c) => c.notNull())
        .addColumn('min_billable_minutes', 'integer', (c) => c.notNull())
        .addColumn('telehealth_allowed', 'integer', (c) =>
          c.notNull().check(flag('telehealth_allowed')),
        )
        .addColumn('audio_only_allowed', 'integer', (c) =>
          c.notNull().check(flag('audio_only_allowed')),
        )
        .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('America/New_York'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await s
        .createTable('groups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('lead_clinician_id', 'text', (c) => c.notNull().references('staff_users.id'))
        .addColumn('weekdays', 'text', (c) => c.notNull())
        .addColumn('start_time', 'text', (c) => c.notNull())
        .addColumn('duration_minutes', 'integer', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1).check(flag('active')))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await s.createIndex('groups_program').on('groups').column('program_id').execute();
      await s.createIndex('groups_lead').on('groups').column('lead_clinician_id').execute();

      await s
        .createTable('group_facilitators')
        .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id'))
        .addPrimaryKeyConstraint('group_facilitators_pk', ['group_id', 'user_id'])
        .execute();
      await s
        .createIndex('group_facilitators_user')
        .on('group_facilitators')
        .column('user_id')
        .execute();

      await s
        .createTable('enrollments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
        .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text')
        .execute();
      // A patient has at most one open enrollment per group.
      await s
        .createIndex('enrollments_open')
        .on('enrollments')
        .columns(['group_id', 'patient_id'])
        .unique()
        .where(sql<boolean>`end_date is null`)
        .execute();
      await s.createIndex('enrollments_patient').on('enrollments').column('patient_id').execute();

      await s
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['group', 'individual'])))
        .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
        .addColumn('group_id', 'text', (c) => c.references('groups.id'))
        .addColumn('patient_id', 'text', (c) => c.references('patients.id'))
        .addColumn('lead_clinician_id', 'text', (c) => c.notNull().references('staff_users.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'bigint', (c) => c.notNull())
        .addColumn('duration_minutes', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) =>
          c.notNull().check(oneOf('status', ['scheduled', 'open', 'live', 'ended'])),
        )
        .addColumn('opened_at', 'bigint')
        .addColumn('ended_at', 'bigint')
        .addColumn('end_reason', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('sessions_group_start', ['group_id', 'starts_at'])
        .addCheckConstraint(
          'sessions_kind_shape',
          sql`(kind = 'group' and group_id is not null and patient_id is null)
            or (kind = 'individual' and patient_id is not null)`,
        )
        .execute();
      await s.createIndex('sessions_starts').on('sessions').column('starts_at').execute();
      await s
        .createIndex('sessions_clinician')
        .on('sessions')
        .columns(['lead_clinician_id', 'starts_at'])
        .execute();
      await s.createIndex('sessions_patient').on('sessions').column('patient_id').execute();

      await s
        .createTable('invites')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
        .addColumn('session_id', 'text', (c) => c.references('sessions.id'))
        .addColumn('group_id', 'text', (c) => c.references('groups.id'))
        .addColumn('created_by', 'text', (c) => c.notNull().references('staff_users.id'))
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('invites_one_target', sql`(session_id is null) <> (group_id is null)`)
        .execute();
      await s.createIndex('invites_patient').on('invites').column('patient_id').execute();

      await s
        .createTable('session_removals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
        .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
        .addColumn('removed_by', 'text', (c) => c.notNull().references('staff_users.id'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await s
        .createIndex('session_removals_lookup')
        .on('session_removals')
        .columns(['session_id', 'patient_id', 'at'])
        .execute();

      await s
        .createTable('check_ins')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
        .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
        .addColumn('answers', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await s
        .createIndex('check_ins_lookup')
        .on('check_ins')
        .columns(['session_id', 'patient_id', 'at'])
        .execute();

      await createLedgerTables(db, dialect);

      await s
        .createTable('audit_log')
        .addColumn('seq', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.primaryKey())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_role', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text')
        .addColumn('target_id', 'text')
        .addColumn('request_id', 'text')
        .addColumn('details', 'text')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await s.createIndex('audit_log_at').on('audit_log').column('at').execute();
      await s.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'seq']).execute();
    },
  };
}
