/**
 * The shapes attendance reporting reads and returns. Inputs are structural, so rows
 * loaded by the repositories (or built by hand in a test) fit without conversion.
 * Instants are epoch milliseconds, server time.
 */

export interface LedgerEventRow {
  seq: number;
  type: string;
  at: number;
  data: Record<string, unknown> | null;
  checkInId: string | null;
}

export interface StayRow {
  id: string;
  sessionId: string;
  subjectId: string;
  subjectKind: 'patient' | 'staff';
  role: string;
  displayName: string;
}

export interface SessionRow {
  id: string;
  kind: 'group' | 'individual';
  title: string;
  startsAt: number;
  durationMinutes: number;
  endedAt: number | null;
  programId: string;
  groupId: string | null;
  /** The clinician who leads the session, when known: the FHIR export names them. */
  leadClinicianId?: string | null;
}

export interface ProgramRow {
  id: string;
  name: string;
  weeklyHoursRequired: number;
  billingCode: string;
  minBillableMinutes: number;
  audioOnlyAllowed: boolean;
  timeZone: string;
}

export interface CheckInAnswers {
  location: string;
  state: string;
  atHome: boolean;
  privatePlace: boolean;
  emergencyContact: { name: string; phone: string };
  agreedToRules: true;
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

/** Everything known about one stay: what the reports take, one entry per stay. */
export interface StayRecord {
  stay: StayRow;
  session: SessionRow;
  events: readonly LedgerEventRow[];
  checkIn?: CheckInAnswers | null;
  corrections?: readonly Correction[];
}

/** Why a period of presence ended. 'corrected' marks periods a correction supplied. */
export type PresenceEnd =
  | 'dropped'
  | 'waiting_room'
  | 'left'
  | 'removed'
  | 'session_ended'
  | 'server_restart'
  | 'open'
  | 'corrected';

export interface PresentInterval {
  from: number;
  to: number;
  end: PresenceEnd;
}

export interface Gap {
  from: number;
  to: number;
  reason: PresenceEnd;
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

export type PlaceOfService = '02' | '10';
export type TelehealthModifier = '95' | '93';

export interface StaySummary {
  /** First entry into the waiting room (or the room, for staff); a refused late arrival counts. */
  arrival: number | null;
  /** First admission. */
  admission: number | null;
  presentIntervals: PresentInterval[];
  minutesPresent: number;
  minutesVideo: number;
  minutesAudioOnly: number;
  /** Whole minutes from the scheduled start to arrival in the waiting room, never negative. */
  minutesLate: number;
  leftEarly: boolean;
  drops: number;
  gaps: Gap[];
  endedBy: EndedBy;
  /** False while the stay may still gain presence: not closed in the ledger and the session not ended. */
  closed: boolean;
  placeOfService: PlaceOfService | null;
  modifier: TelehealthModifier | null;
  billable: boolean;
  removedReason: string | null;
}

export interface IgnoredCorrection {
  correction: Correction;
  why: 'unknown field' | 'invalid value' | 'superseded';
}

export interface StayResult {
  /** What the ledger shows. Never altered by corrections. */
  derived: StaySummary;
  /** The derived summary with the applied corrections laid over it. */
  effective: StaySummary;
  /** The corrections that took effect, oldest first. */
  applied: Correction[];
  ignored: IgnoredCorrection[];
}
