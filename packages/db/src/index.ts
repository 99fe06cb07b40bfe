export { Database, openDatabase } from './database.js';
export type { DbLogger, OpenDatabaseOptions, TransactionScope } from './database.js';
export type { Dialect } from './context.js';
export type { Schema } from './schema.js';
export * from './types.js';
export type { JsonObject, JsonValue } from './json.js';
export { canonicalJson } from './json.js';
export { unstorableText } from './errors.js';
export {
  canonicalEntry,
  checkLink,
  entryHash,
  CHAIN_VERSION,
  GENESIS_HASH,
} from './audit-chain.js';
export type { ChainFields, ChainHead } from './audit-chain.js';
export {
  addDays,
  dateInZone,
  daysBetween,
  isDate,
  isoWeekday,
  isTimeOfDay,
  isTimeZone,
  wallClockAt,
  zonedTimeToUtc,
  zoneOffsetAt,
} from './zoned-time.js';
export type { WallClock } from './zoned-time.js';
export type { Repositories } from './repos/index.js';
export type { NewStaffUser, StaffUserPatch } from './repos/staff.js';
export type { IssueRefreshToken } from './repos/refresh-tokens.js';
export { defaultDisplayName } from './repos/patients.js';
export type { NewPatient, PatientPatch } from './repos/patients.js';
export { DEFAULT_TIME_ZONE } from './repos/programs.js';
export type { NewProgram, ProgramPatch } from './repos/programs.js';
export type { GroupPatch, NewGroup } from './repos/groups.js';
export { MAX_SCHEDULE_DAYS } from './repos/sessions.js';
export type { NewSession, SessionFilter } from './repos/sessions.js';
export type { NewInvite } from './repos/invites.js';
export type { NewRemoval } from './repos/removals.js';
export type { NewCheckIn } from './repos/check-ins.js';
export type { NewAttendanceEvent, OpenStay, StayRange } from './repos/attendance.js';
export type { NewSignoff } from './repos/signoffs.js';
export type { NewCorrection } from './repos/corrections.js';
export type { AuditFilter, NewAuditEntry } from './repos/audit.js';
export {
  DEMO_ADMIN_EMAIL,
  DEMO_CO_FACILITATOR_EMAIL,
  DEMO_LEAD_EMAIL,
  seedDemoClinic,
} from './seed.js';
export type { SeedOptions, SeedResult } from './seed.js';
export type {
  AttendanceRepo,
  AuditRepo,
  CheckInsRepo,
  CorrectionsRepo,
  GroupsRepo,
  InvitesRepo,
  PatientsRepo,
  ProgramsRepo,
  RefreshTokensRepo,
  RemovalsRepo,
  SessionsRepo,
  SignoffsRepo,
  StaffRepo,
} from './repos/index.js';
