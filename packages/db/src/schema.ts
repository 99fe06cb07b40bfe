import type { ColumnType, Generated } from 'kysely';

/**
 * The tables as stored, in snake_case, identical on SQLite and PostgreSQL:
 * ids are text, times are epoch milliseconds (bigint), booleans are 0/1 integers,
 * JSON is text. Repositories translate to the camelCase types in `types.ts`.
 */
export interface Schema {
  staff_users: StaffUsersTable;
  refresh_tokens: RefreshTokensTable;
  patients: PatientsTable;
  programs: ProgramsTable;
  groups: GroupsTable;
  group_facilitators: GroupFacilitatorsTable;
  enrollments: EnrollmentsTable;
  sessions: SessionsTable;
  invites: InvitesTable;
  session_removals: SessionRemovalsTable;
  check_ins: CheckInsTable;
  attendance_stays: AttendanceStaysTable;
  attendance_events: AttendanceEventsTable;
  attendance_heartbeats: AttendanceHeartbeatsTable;
  session_hosts: SessionHostsTable;
  roster_signoffs: RosterSignoffsTable;
  attendance_corrections: AttendanceCorrectionsTable;
  audit_log: AuditLogTable;
}

/** 0 or 1: SQLite has no boolean type, so both databases store an integer. */
export type Flag = 0 | 1;

export interface StaffUsersTable {
  id: string;
  email: string;
  display_name: string;
  role: string;
  password_hash: string;
  active: Flag;
  created_at: number;
  /** Counts the password's changes; an access token signed under an older count is refused. */
  password_version: ColumnType<number, number | undefined, number>;
}

export interface RefreshTokensTable {
  id: string;
  user_id: string;
  token_hash: string;
  family_id: string;
  expires_at: number;
  created_at: number;
  revoked_at: number | null;
  replaced_by: string | null;
}

export interface PatientsTable {
  id: string;
  legal_name: string;
  display_name: string;
  contact_email: string | null;
  contact_phone: string | null;
  emergency_contact_name: string | null;
  emergency_contact_phone: string | null;
  state_of_residence: string | null;
  active: Flag;
  created_at: number;
}

export interface ProgramsTable {
  id: string;
  name: string;
  weekly_hours_required: number;
  billing_code: string;
  min_billable_minutes: number;
  telehealth_allowed: Flag;
  audio_only_allowed: Flag;
  time_zone: string;
  active: ColumnType<Flag, Flag | undefined, Flag>;
  created_at: number;
}

export interface GroupsTable {
  id: string;
  program_id: string;
  name: string;
  lead_clinician_id: string;
  weekdays: string;
  start_time: string;
  duration_minutes: number;
  time_zone: string;
  active: Flag;
  e2ee: Generated<Flag>;
  created_at: number;
}

export interface GroupFacilitatorsTable {
  group_id: string;
  user_id: string;
}

export interface EnrollmentsTable {
  id: string;
  group_id: string;
  patient_id: string;
  start_date: string;
  end_date: string | null;
}

export interface SessionsTable {
  id: string;
  kind: string;
  program_id: string;
  group_id: string | null;
  patient_id: string | null;
  lead_clinician_id: string;
  title: string;
  starts_at: number;
  duration_minutes: number;
  status: string;
  opened_at: number | null;
  ended_at: number | null;
  end_reason: string | null;
  e2ee: Generated<Flag>;
  created_at: number;
}

export interface InvitesTable {
  id: string;
  token_hash: string;
  patient_id: string;
  session_id: string | null;
  group_id: string | null;
  created_by: string;
  expires_at: number;
  revoked_at: number | null;
  created_at: number;
}

export interface SessionRemovalsTable {
  id: string;
  session_id: string;
  patient_id: string;
  removed_by: string;
  reason: string;
  at: number;
}

export interface CheckInsTable {
  id: string;
  session_id: string;
  patient_id: string;
  answers: string;
  at: number;
}

export interface AttendanceStaysTable {
  id: string;
  session_id: string;
  subject_id: string;
  subject_kind: string;
  role: string;
  display_name: string;
  first_event_at: number;
  last_event_at: number;
  closed: Flag;
}

export interface AttendanceEventsTable {
  seq: Generated<number>;
  stay_id: string;
  session_id: string;
  type: string;
  at: number;
  check_in_id: string | null;
  data: string | null;
  node_id: string | null;
}

export interface AttendanceHeartbeatsTable {
  node_id: string;
  at: number;
  /** The process that wrote it (null: written without one). */
  instance: string | null;
}

export interface SessionHostsTable {
  session_id: string;
  node_id: string;
  claimed_at: number;
}

export interface RosterSignoffsTable {
  id: string;
  session_id: string;
  signed_by: string;
  signed_at: number;
  note: string | null;
}

export interface AttendanceCorrectionsTable {
  id: string;
  stay_id: string;
  session_id: string;
  author_id: string;
  reason: string;
  created_at: number;
  field: string;
  value: string;
}

/** `seq` is assigned by the append itself (last + 1, under a lock), so it has no gaps. */
export interface AuditLogTable {
  seq: number;
  at: number;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}
