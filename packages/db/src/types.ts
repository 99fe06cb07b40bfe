import type { CheckIn, Role, StaffRole } from '@haven/protocol';
import type { JsonObject, JsonValue } from './json.js';

/** What repositories return: camelCase, booleans as booleans, JSON parsed, times in epoch ms. */

export interface StaffUser {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  active: boolean;
  createdAt: number;
  /** How many times the password has been changed; access tokens carry it. */
  passwordVersion: number;
}

/** A staff user with the password hash, for signing in. Only `staff.byEmail` returns it. */
export interface StaffAccount extends StaffUser {
  passwordHash: string;
}

export interface RefreshToken {
  id: string;
  userId: string;
  tokenHash: string;
  familyId: string;
  expiresAt: number;
  createdAt: number;
  revokedAt: number | null;
  replacedBy: string | null;
}

/**
 * The outcome of presenting a refresh token. A token that was already rotated is a
 * stolen copy or a replay: its whole family is revoked and `reuse-detected` returned.
 */
export type RotateResult =
  | { kind: 'rotated'; token: RefreshToken; previous: RefreshToken }
  | { kind: 'reuse-detected'; userId: string; familyId: string }
  | { kind: 'revoked' }
  | { kind: 'expired' }
  | { kind: 'not-found' };

export interface Patient {
  id: string;
  legalName: string;
  /** Shown to the group: "First L." unless set otherwise. */
  displayName: string;
  contactEmail: string | null;
  contactPhone: string | null;
  emergencyContactName: string | null;
  emergencyContactPhone: string | null;
  stateOfResidence: string | null;
  active: boolean;
  createdAt: number;
}

/** H0015: substance-use IOP; S9480: psychiatric IOP; payers may use others. */
export type BillingCode = 'H0015' | 'S9480' | (string & {});

export interface Program {
  id: string;
  name: string;
  weeklyHoursRequired: number;
  billingCode: BillingCode;
  /** Minutes a patient must attend on a day for that day to be billable. */
  minBillableMinutes: number;
  telehealthAllowed: boolean;
  audioOnlyAllowed: boolean;
  timeZone: string;
  /** Closed programs keep their history but take no new groups. */
  active: boolean;
  createdAt: number;
}

export interface Group {
  id: string;
  programId: string;
  name: string;
  leadClinicianId: string;
  /** ISO weekdays the group meets on: 1 = Monday ... 7 = Sunday, ascending. */
  weekdays: number[];
  /** Local start time 'HH:MM' in `timeZone`. */
  startTime: string;
  durationMinutes: number;
  timeZone: string;
  active: boolean;
  /** Every session of the group has end-to-end encrypted media. */
  e2ee: boolean;
  createdAt: number;
}

export interface Enrollment {
  id: string;
  groupId: string;
  patientId: string;
  startDate: string;
  endDate: string | null;
}

export interface EnrolledPatient {
  patient: Patient;
  startDate: string;
  endDate: string | null;
}

export type SessionKind = 'group' | 'individual';
export type SessionStatus = 'scheduled' | 'open' | 'live' | 'ended';

export interface Session {
  id: string;
  kind: SessionKind;
  programId: string;
  groupId: string | null;
  patientId: string | null;
  leadClinicianId: string;
  title: string;
  startsAt: number;
  durationMinutes: number;
  status: SessionStatus;
  openedAt: number | null;
  endedAt: number | null;
  endReason: string | null;
  /** This session asks for end-to-end encrypted media (its group may ask for all of them). */
  e2ee: boolean;
  createdAt: number;
}

export interface Invite {
  id: string;
  tokenHash: string;
  patientId: string;
  /** Exactly one of sessionId and groupId is set. */
  sessionId: string | null;
  /** Valid for that group's sessions. */
  groupId: string | null;
  createdBy: string;
  expiresAt: number;
  revokedAt: number | null;
  createdAt: number;
}

export interface SessionRemoval {
  id: string;
  sessionId: string;
  patientId: string;
  removedBy: string;
  reason: string;
  at: number;
}

export interface CheckInRecord {
  id: string;
  sessionId: string;
  patientId: string;
  answers: CheckIn;
  at: number;
}

export type SubjectKind = 'patient' | 'staff';

/** One person's presence in one session, however often they reconnect. */
export interface Stay {
  id: string;
  sessionId: string;
  subjectId: string;
  subjectKind: SubjectKind;
  role: Role;
  displayName: string;
  firstEventAt: number;
  lastEventAt: number;
  closed: boolean;
}

export interface StaySession {
  id: string;
  kind: SessionKind;
  programId: string;
  groupId: string | null;
  title: string;
  startsAt: number;
  durationMinutes: number;
  status: SessionStatus;
  leadClinicianId: string;
  endedAt: number | null;
}

export interface StayWithSession extends Stay {
  session: StaySession;
}

export interface AttendanceEvent {
  seq: number;
  stayId: string;
  sessionId: string;
  type: string;
  at: number;
  checkInId: string | null;
  data: JsonObject | null;
  nodeId: string | null;
}

/** An event as reports read it. */
export type LedgerEntry = Omit<AttendanceEvent, 'sessionId' | 'nodeId'>;

export interface RosterSignoff {
  id: string;
  sessionId: string;
  signedBy: string;
  signedAt: number;
  note: string | null;
}

export interface AttendanceCorrection {
  id: string;
  stayId: string;
  sessionId: string;
  authorId: string;
  reason: string;
  createdAt: number;
  field: string;
  value: JsonValue;
}

export interface AuditEntry {
  seq: number;
  at: number;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  details: JsonObject | null;
  prevHash: string;
  hash: string;
}

export type AuditVerification =
  | { ok: true; count: number; head: { seq: number; hash: string } | null }
  | { ok: false; firstBrokenSeq: number; reason: string };
