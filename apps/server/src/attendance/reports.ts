import { deriveRecord } from './derive.js';
import type { ProgramRow, SessionRow, StayRecord, StayResult, StayRow } from './types.js';
import { weekOf } from './week.js';
import { localDate } from './zone.js';

/** One stay, derived and placed in its program's calendar: a line of a roster or range report. */
export interface ReportRow {
  stay: StayRow;
  session: SessionRow;
  program: ProgramRow;
  result: StayResult;
  /** Date of service: the local date of the session's scheduled start. */
  sessionDate: string;
  /** The Monday of the week the session belongs to. */
  weekStart: string;
}

export interface ReportOptions {
  /** Live views count open presence up to here. */
  now?: number;
  /** Leave out staff stays (a billing roster lists patients only). */
  patientsOnly?: boolean;
}

/**
 * Report rows for stays of one program, ordered by session start, then session, then
 * staff before patients, then display name. Stays of other programs are left out.
 */
export function reportRows(
  records: readonly StayRecord[],
  program: ProgramRow,
  opts: ReportOptions = {},
): ReportRow[] {
  const tz = program.timeZone;
  return records
    .filter(
      (r) =>
        r.session.programId === program.id &&
        (!opts.patientsOnly || r.stay.subjectKind === 'patient'),
    )
    .map((r) => ({
      stay: r.stay,
      session: r.session,
      program,
      result: deriveRecord(r, program, opts.now),
      sessionDate: localDate(r.session.startsAt, tz),
      weekStart: weekOf(r.session.startsAt, tz).weekStart,
    }))
    .sort(
      (a, b) =>
        a.session.startsAt - b.session.startsAt ||
        a.session.id.localeCompare(b.session.id) ||
        kindOrder(a.stay) - kindOrder(b.stay) ||
        a.stay.displayName.localeCompare(b.stay.displayName) ||
        a.stay.id.localeCompare(b.stay.id),
    );
}

const kindOrder = (stay: StayRow): number => (stay.subjectKind === 'staff' ? 0 : 1);
