import type { ReportRow } from './reports.js';
import { isoLocal } from './zone.js';

/**
 * Attendance as CSV that spreadsheets open as written: UTF-8 with a byte order mark,
 * CRLF line ends, RFC 4180 quoting, and no cell a spreadsheet would run as a formula.
 */

const BOM = '\uFEFF';
const CRLF = '\r\n';
/** A cell starting with one of these could be read as a formula; it gets a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A whole document: header first, every line (the last included) ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(','));
  return BOM + lines.map((line) => line + CRLF).join('');
}

export const ROSTER_COLUMNS = [
  'Session date',
  'Session title',
  'Billing code',
  'Patient display name',
  'Patient id',
  'Role',
  'Arrival',
  'Admission',
  'Minutes present',
  'Minutes video',
  'Minutes audio only',
  'Minutes late',
  'Left early',
  'Drops',
  'Ended by',
  'Place of service',
  'Modifier',
  'Billable',
  'Corrected',
  'Correction reasons',
] as const;

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

/**
 * The cells of one stay, from its corrected figures. Times are local to the program
 * with their offset. The claim columns (place of service, modifier, billable) apply to
 * patients; staff rows leave them empty.
 */
function rosterCells(row: ReportRow): string[] {
  const e = row.result.effective;
  const tz = row.program.timeZone;
  const time = (ms: number | null): string => (ms === null ? '' : isoLocal(ms, tz));
  const patient = row.stay.subjectKind === 'patient';
  return [
    row.sessionDate,
    row.session.title,
    row.program.billingCode,
    row.stay.displayName,
    row.stay.subjectId,
    row.stay.role,
    time(e.arrival),
    time(e.admission),
    String(e.minutesPresent),
    String(e.minutesVideo),
    String(e.minutesAudioOnly),
    String(e.minutesLate),
    yesNo(e.leftEarly),
    String(e.drops),
    e.endedBy,
    patient ? (e.placeOfService ?? '') : '',
    patient ? (e.modifier ?? '') : '',
    patient ? yesNo(e.billable) : '',
    yesNo(row.result.applied.length > 0),
    row.result.applied.map((c) => c.reason).join('; '),
  ];
}

/** One session's roster (or any list of stays), one line per stay. */
export function rosterCsv(rows: readonly ReportRow[]): string {
  return toCsv(ROSTER_COLUMNS, rows.map(rosterCells));
}

export const RANGE_COLUMNS = ['Week of', ...ROSTER_COLUMNS] as const;

/** Stays across a date range, one line per stay, each led by the Monday of its week. */
export function rangeCsv(rows: readonly ReportRow[]): string {
  return toCsv(
    RANGE_COLUMNS,
    rows.map((row) => [row.weekStart, ...rosterCells(row)]),
  );
}
