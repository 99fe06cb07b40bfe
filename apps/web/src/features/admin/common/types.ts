/**
 * What the admin pages read from the HTTP API. These mirror the server's answers
 * (repository rows and attendance reports); the server stays the source of truth.
 */

export const PURPOSES = [
  'operations',
  'billing',
  'audit',
  'treatment',
  'patient_request',
  'court_order_with_consent',
] as const;
export type Purpose = (typeof PURPOSES)[number];

export type StaffRole = 'clinician' | 'admin';

export interface StaffMember {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  active: boolean;
}

export interface Patient {
  id: string;
  legalName: string;
  displayName: string;
  contactEmail: string | null;
  contactPhone: string | null;
  emergencyContactName: string | null;
  emergencyContactPhone: string | null;
  stateOfResidence: string | null;
  active: boolean;
  createdAt: number;
}

/** A patient as a picker shows them (GET /api/patients?fields=names). */
export type PatientName = Pick<Patient, 'id' | 'displayName' | 'active'>;

export interface Program {
  id: string;
  name: string;
  weeklyHoursRequired: number;
  billingCode: string;
  minBillableMinutes: number;
  telehealthAllowed: boolean;
  audioOnlyAllowed: boolean;
  timeZone: string;
  createdAt: number;
}

export interface Group {
  id: string;
  programId: string;
  name: string;
  leadClinicianId: string;
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  weekdays: number[];
  startTime: string;
  durationMinutes: number;
  timeZone: string;
  active: boolean;
  /** Every session of the group has end-to-end encrypted media. */
  e2ee: boolean;
  createdAt: number;
  facilitatorIds?: string[];
}

export interface EnrolledPatient {
  patient: Patient;
  startDate: string;
  endDate: string | null;
}

export type SessionStatus = 'scheduled' | 'open' | 'live' | 'ended';

export interface Session {
  id: string;
  kind: 'group' | 'individual';
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
  /** This session asks for end-to-end encrypted media (its group's setting covers it too). */
  e2ee: boolean;
}

export interface SessionAttendance {
  sessionId: string;
  stayId: string;
  title: string;
  kind: 'group' | 'individual';
  date: string;
  startsAt: number;
  minutes: number;
  billable: boolean;
  corrected: boolean;
}

export interface DayAttendance {
  date: string;
  minutes: number;
  billableMinutes: number;
  billable: boolean;
}

export interface PatientWeek {
  weekStart: string;
  start: number;
  end: number;
  patientId: string;
  displayName: string;
  sessions: SessionAttendance[];
  days: DayAttendance[];
  minutes: number;
  hours: number;
  requiredHours: number;
  underAttended: boolean;
  billableDays: number;
  billableDates: string[];
}

export interface ProgramWeek {
  weekStart: string;
  start: number;
  end: number;
  programId: string;
  rows: PatientWeek[];
  underAttendedCount: number;
}

export interface PatientRange {
  program: Program;
  weeks: PatientWeek[];
}

export interface ProgramWeeks {
  program: Program;
  weeks: ProgramWeek[];
}

export type EndedBy =
  | 'left'
  | 'removed'
  | 'dropped'
  | 'session_ended'
  | 'server_restart'
  | 'denied'
  | 'never_admitted'
  | 'open';

export interface StaySummary {
  arrival: number | null;
  admission: number | null;
  minutesPresent: number;
  minutesVideo: number;
  minutesAudioOnly: number;
  minutesLate: number;
  leftEarly: boolean;
  drops: number;
  endedBy: EndedBy;
  placeOfService: string | null;
  modifier: string | null;
  billable: boolean;
}

export interface RosterLine {
  stayId: string;
  subjectId: string;
  subjectKind: 'patient' | 'staff';
  role: string;
  displayName: string;
  sessionId: string;
  sessionDate: string;
  summary: StaySummary;
  original: StaySummary;
  corrections: { reason: string; authorId: string; createdAt: number }[];
}

export interface Signoff {
  id: string;
  sessionId: string;
  signedBy: string;
  signedAt: number;
  note: string | null;
}

export interface SessionRoster {
  session: Session;
  program: Program;
  rows: RosterLine[];
  signoffs: Signoff[];
  staffNames: Record<string, string>;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };

export interface AuditEntry {
  seq: number;
  at: number;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  details: Record<string, JsonValue> | null;
  prevHash: string;
  hash: string;
}

export type AuditVerification =
  | { ok: true; count: number; head: { seq: number; hash: string } | null }
  | { ok: false; firstBrokenSeq: number; reason: string };
