import type {
  AttendanceCorrection,
  CheckInRecord,
  Database,
  LedgerEntry,
  Program,
  Session,
  Stay,
  StaySession,
  StayWithSession,
  SubjectKind,
} from '@haven/db';
import { HavenError } from '@haven/protocol';
import type { CheckInAnswers, Correction, ProgramRow, SessionRow, StayRecord } from './types.js';

export const toProgramRow = (p: Program): ProgramRow => ({
  id: p.id,
  name: p.name,
  weeklyHoursRequired: p.weeklyHoursRequired,
  billingCode: p.billingCode,
  minBillableMinutes: p.minBillableMinutes,
  audioOnlyAllowed: p.audioOnlyAllowed,
  timeZone: p.timeZone,
});

export const toSessionRow = (s: Session | StaySession): SessionRow => ({
  id: s.id,
  kind: s.kind,
  title: s.title,
  startsAt: s.startsAt,
  durationMinutes: s.durationMinutes,
  endedAt: s.endedAt,
  programId: s.programId,
  groupId: s.groupId,
  leadClinicianId: s.leadClinicianId,
});

export async function requireProgram(db: Database, programId: string): Promise<ProgramRow> {
  const program = await db.programs.byId(programId);
  if (!program) throw new HavenError('NOT_FOUND', 'No such program.');
  return toProgramRow(program);
}

/**
 * Everything the reports need about a few stays (one patient's, with their sessions), in
 * a fixed number of queries whatever the number of sessions: every ledger event of these
 * stays, the check-ins of their sessions, corrections (each read one query per 500 ids).
 * Reports of whole sessions read them with `recordsOfSessions`.
 */
export async function loadRecords(
  db: Database,
  stays: readonly StayWithSession[],
): Promise<StayRecord[]> {
  if (stays.length === 0) return [];
  // The sessions came with the stays.
  const sessions = new Map<string, SessionRow>();
  for (const { session } of stays) {
    if (!sessions.has(session.id)) sessions.set(session.id, toSessionRow(session));
  }
  const sessionIds = [...sessions.keys()];
  // Independent reads at once: PostgreSQL runs them on several pooled connections.
  const [checkIns, corrections, events] = await Promise.all([
    db.checkIns.listForSessions(sessionIds),
    db.corrections.listForSessions(sessionIds),
    db.attendance.ledgersOfStays(stays.map((s) => s.id)),
  ]);
  return assemble(stays, sessions, checkIns, corrections, events);
}

/**
 * The records of every stay of these sessions (of patients only, or of staff only, when
 * given), in the order `staysInRange` gives them. The stays are read with their ledgers,
 * check-ins and corrections, all at once: a program's week on PostgreSQL waits for one
 * round of queries instead of two.
 */
export async function recordsOfSessions(
  db: Database,
  sessions: readonly Session[],
  subjectKind?: SubjectKind,
): Promise<StayRecord[]> {
  if (sessions.length === 0) return [];
  const ids = sessions.map((s) => s.id);
  const [stays, checkIns, corrections, events] = await Promise.all([
    db.attendance.staysOfSessions(ids, subjectKind),
    db.checkIns.listForSessions(ids),
    db.corrections.listForSessions(ids),
    db.attendance.ledgersOfSessions(ids),
  ]);
  const rows = new Map(sessions.map((s) => [s.id, toSessionRow(s)]));
  const startOf = (stay: Stay) => rows.get(stay.sessionId)?.startsAt ?? 0;
  stays.sort(
    (a, b) =>
      startOf(a) - startOf(b) ||
      a.firstEventAt - b.firstEventAt ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return assemble(stays, rows, checkIns, corrections, events);
}

/** Each stay's record from the reads: its events (in ledger order), check-in and corrections. */
function assemble(
  stays: readonly Stay[],
  sessions: ReadonlyMap<string, SessionRow>,
  checkInRows: readonly CheckInRecord[],
  correctionRows: readonly AttendanceCorrection[],
  events: readonly LedgerEntry[],
): StayRecord[] {
  const checkIns = new Map<string, CheckInAnswers>();
  const corrections = new Map<string, Correction[]>();
  for (const c of checkInRows) checkIns.set(c.id, c.answers as CheckInAnswers);
  for (const c of correctionRows) {
    const list = corrections.get(c.stayId) ?? [];
    list.push({
      id: c.id,
      stayId: c.stayId,
      authorId: c.authorId,
      reason: c.reason,
      createdAt: c.createdAt,
      field: c.field,
      value: c.value,
    });
    corrections.set(c.stayId, list);
  }
  const byStay = new Map<string, LedgerEntry[]>();
  for (const e of events) {
    const list = byStay.get(e.stayId) ?? [];
    list.push(e);
    byStay.set(e.stayId, list);
  }
  return stays.flatMap((stay) => {
    const session = sessions.get(stay.sessionId);
    if (!session) return [];
    // In ledger order already: the ledgers come sorted by seq.
    const stayEvents = byStay.get(stay.id) ?? [];
    const checkInId = stayEvents.findLast((e) => e.checkInId)?.checkInId;
    return [
      {
        stay: {
          id: stay.id,
          sessionId: stay.sessionId,
          subjectId: stay.subjectId,
          subjectKind: stay.subjectKind,
          role: stay.role,
          displayName: stay.displayName,
        },
        session,
        events: stayEvents,
        checkIn: checkInId ? (checkIns.get(checkInId) ?? null) : null,
        corrections: corrections.get(stay.id) ?? [],
      },
    ];
  });
}
