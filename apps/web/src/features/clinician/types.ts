/** What the clinician pages read from the HTTP API (the fields they use). */

export type SessionStatus = 'scheduled' | 'open' | 'live' | 'ended';

export interface ClinicSession {
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
}

export interface PatientRecord {
  id: string;
  legalName: string;
  displayName: string;
  contactEmail: string | null;
  contactPhone: string | null;
  active: boolean;
}

export interface EnrolledPatient {
  patient: PatientRecord;
  startDate: string;
  endDate: string | null;
}

export interface InviteLink {
  inviteId: string;
  url: string;
  expiresAt: number;
  /** The session's program's time zone (session invites): the message's times are in it. */
  timeZone?: string | null;
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
  closed: boolean;
  placeOfService: '02' | '10' | null;
  modifier: '95' | '93' | null;
  billable: boolean;
  removedReason: string | null;
}

export interface Correction {
  id: string;
  stayId: string;
  authorId: string;
  reason: string;
  createdAt: number;
  field: string;
  value: unknown;
}

export interface RosterRow {
  stayId: string;
  subjectId: string;
  subjectKind: 'patient' | 'staff';
  role: string;
  displayName: string;
  sessionDate: string;
  /** The figures with corrections laid over them. */
  summary: StaySummary;
  /** The ledger's own figures, never altered. */
  original: StaySummary;
  corrections: Correction[];
}

export interface Signoff {
  id: string;
  sessionId: string;
  signedBy: string;
  signedAt: number;
  note: string | null;
}

export interface Roster {
  session: ClinicSession;
  program: {
    id: string;
    name: string;
    billingCode: string;
    timeZone: string;
    minBillableMinutes: number;
  };
  rows: RosterRow[];
  signoffs: Signoff[];
  staffNames: Record<string, string>;
}
