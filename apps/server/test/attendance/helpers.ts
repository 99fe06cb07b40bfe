import type {
  CheckInAnswers,
  Correction,
  LedgerEventRow,
  ProgramRow,
  SessionRow,
  StayRecord,
  StayRow,
} from '../../src/attendance/types.js';

export const MIN = 60_000;

/** Monday 9 March 2026, 18:00 in New York (EDT, UTC-4). */
export const T0 = Date.UTC(2026, 2, 9, 22, 0);

export const program: ProgramRow = {
  id: 'prog-1',
  name: 'Evening recovery IOP',
  weeklyHoursRequired: 9,
  billingCode: 'H0015',
  minBillableMinutes: 150,
  audioOnlyAllowed: true,
  timeZone: 'America/New_York',
};

export function session(overrides: Partial<SessionRow> = {}): SessionRow {
  return {
    id: 'sess-1',
    kind: 'group',
    title: 'Relapse prevention',
    startsAt: T0,
    durationMinutes: 180,
    endedAt: null,
    programId: program.id,
    groupId: 'group-1',
    ...overrides,
  };
}

/**
 * A stay's events on a clock that reads minutes after `start`: `at(30, 'left')`
 * writes 'left' thirty minutes in. Fractions of a minute are allowed.
 */
export function ledger(start = T0) {
  const events: LedgerEventRow[] = [];
  const api = {
    events,
    at(minutes: number, type: string, data: Record<string, unknown> | null = null) {
      events.push({
        seq: events.length + 1,
        type,
        at: start + minutes * MIN,
        data,
        checkInId: null,
      });
      return api;
    },
  };
  return api;
}

export const atHome: CheckInAnswers = {
  location: 'Home',
  state: 'NY',
  atHome: true,
  privatePlace: true,
  emergencyContact: { name: 'Sam Doe', phone: '555-0100' },
  agreedToRules: true,
};

export const atWork: CheckInAnswers = { ...atHome, location: 'Office', atHome: false };

export function correction(
  overrides: Partial<Correction> & Pick<Correction, 'field' | 'value'>,
): Correction {
  return {
    id: `corr-${overrides.field}-${String(overrides.createdAt ?? 0)}`,
    stayId: 'stay-1',
    authorId: 'clin-1',
    reason: 'Connection logged wrongly',
    createdAt: T0 + 300 * MIN,
    ...overrides,
  };
}

export function patientStay(overrides: Partial<StayRow> = {}): StayRow {
  return {
    id: 'stay-1',
    sessionId: 'sess-1',
    subjectId: 'pat-1',
    subjectKind: 'patient',
    role: 'patient',
    displayName: 'Ana M.',
    ...overrides,
  };
}

export function record(
  stay: StayRow,
  sess: SessionRow,
  events: LedgerEventRow[],
  extra: Partial<StayRecord> = {},
): StayRecord {
  return { stay, session: sess, events, ...extra };
}
