import { HavenError } from '@haven/protocol';
import { deriveRecord } from './derive.js';
import type { ProgramRow, SessionRow, StayRecord, StayResult } from './types.js';
import { addDays, isDate, isoWeekday, localDate, startOfDay } from './zone.js';

/** A program week: Monday 00:00 to the next Monday 00:00, local time. */
export interface Week {
  /** The Monday, local date. */
  weekStart: string;
  /** First instant of the week. */
  start: number;
  /** First instant of the next week (exclusive). 167 or 169 hours after `start` across a DST change. */
  end: number;
}

/** The week containing instant `ms` in `timeZone`. */
export function weekOf(ms: number, timeZone: string): Week {
  const today = localDate(ms, timeZone);
  const weekStart = addDays(today, 1 - isoWeekday(today));
  return {
    weekStart,
    start: startOfDay(weekStart, timeZone),
    end: startOfDay(addDays(weekStart, 7), timeZone),
  };
}

export interface SessionAttendance {
  sessionId: string;
  stayId: string;
  title: string;
  kind: SessionRow['kind'];
  /** Date of service: the local date of the scheduled start. */
  date: string;
  startsAt: number;
  minutes: number;
  billable: boolean;
  corrected: boolean;
}

export interface DayAttendance {
  date: string;
  minutes: number;
  /** Minutes that count toward billing: audio-only stays count only where the program allows them. */
  billableMinutes: number;
  billable: boolean;
}

export interface PatientWeek extends Week {
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

export interface ProgramWeek extends Week {
  programId: string;
  rows: PatientWeek[];
  underAttendedCount: number;
}

export interface PatientRef {
  id: string;
  displayName: string;
}

interface Derived {
  record: StayRecord;
  result: StayResult;
}

/** The patient stays of `program`, each derived once, oldest session first. */
function derivePatientStays(
  records: readonly StayRecord[],
  program: ProgramRow,
  now?: number,
): Derived[] {
  return records
    .filter((r) => r.stay.subjectKind === 'patient' && r.session.programId === program.id)
    .map((record) => ({ record, result: deriveRecord(record, program, now) }))
    .sort(
      (a, b) =>
        a.record.session.startsAt - b.record.session.startsAt ||
        a.record.stay.id.localeCompare(b.record.stay.id),
    );
}

const inWeek = (week: Week, d: Derived): boolean =>
  d.record.session.startsAt >= week.start && d.record.session.startsAt < week.end;

/**
 * One patient's week. Each stay counts on its date of service (the local date of its
 * scheduled start), corrected minutes where corrected. A day is billable when the
 * minutes that count toward billing reach the program's minimum; audio-only stays
 * count only where the program allows audio only. Under-attended: fewer hours than
 * the program requires, including a week with no attendance at all.
 */
function buildWeek(
  week: Week,
  patient: PatientRef,
  stays: readonly Derived[],
  program: ProgramRow,
): PatientWeek {
  const sessions: SessionAttendance[] = [];
  const byDate = new Map<string, DayAttendance>();
  for (const { record, result } of stays) {
    const e = result.effective;
    const date = localDate(record.session.startsAt, program.timeZone);
    sessions.push({
      sessionId: record.session.id,
      stayId: record.stay.id,
      title: record.session.title,
      kind: record.session.kind,
      date,
      startsAt: record.session.startsAt,
      minutes: e.minutesPresent,
      billable: e.billable,
      corrected: result.applied.length > 0,
    });
    const day = byDate.get(date) ?? { date, minutes: 0, billableMinutes: 0, billable: false };
    day.minutes += e.minutesPresent;
    if (e.modifier !== '93' || program.audioOnlyAllowed) day.billableMinutes += e.minutesPresent;
    byDate.set(date, day);
  }
  const days = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  for (const day of days)
    day.billable = day.billableMinutes > 0 && day.billableMinutes >= program.minBillableMinutes;
  const minutes = sessions.reduce((sum, s) => sum + s.minutes, 0);
  const billableDates = days.filter((d) => d.billable).map((d) => d.date);
  // The week's fields one by one: V8 builds an object literal that starts with a spread
  // through its slow path, property by property (a third of a weekly report's derivation).
  return {
    weekStart: week.weekStart,
    start: week.start,
    end: week.end,
    patientId: patient.id,
    displayName: patient.displayName,
    sessions,
    days,
    minutes,
    hours: Math.round((minutes / 60) * 100) / 100,
    requiredHours: program.weeklyHoursRequired,
    underAttended: minutes < program.weeklyHoursRequired * 60,
    billableDays: billableDates.length,
    billableDates,
  };
}

function patientOf(patientId: string, stays: readonly Derived[], given?: PatientRef): PatientRef {
  if (given) return given;
  const latest = stays.filter((d) => d.record.stay.subjectId === patientId).at(-1);
  return { id: patientId, displayName: latest?.record.stay.displayName ?? '' };
}

export interface PatientWeekInput {
  program: ProgramRow;
  patientId: string;
  /** Stays to consider; others' stays and other programs' are skipped. */
  records: readonly StayRecord[];
  /** Any instant in the week. */
  at: number;
  now?: number;
}

export function patientWeek(input: PatientWeekInput): PatientWeek {
  const week = weekOf(input.at, input.program.timeZone);
  const stays = derivePatientStays(input.records, input.program, input.now).filter(
    (d) => d.record.stay.subjectId === input.patientId,
  );
  const patient = patientOf(input.patientId, stays);
  return buildWeek(
    week,
    patient,
    stays.filter((d) => inWeek(week, d)),
    input.program,
  );
}

export interface ProgramWeekInput {
  program: ProgramRow;
  records: readonly StayRecord[];
  at: number;
  /** Patients expected this week (the enrolled): listed even with no attendance at all. */
  patients?: readonly PatientRef[];
  now?: number;
}

/** One row per patient, by display name; patients who never came are listed when given. */
export function programWeek(input: ProgramWeekInput): ProgramWeek {
  const week = weekOf(input.at, input.program.timeZone);
  const stays = derivePatientStays(input.records, input.program, input.now).filter((d) =>
    inWeek(week, d),
  );
  const given = new Map((input.patients ?? []).map((p) => [p.id, p]));
  // Each patient's stays in one pass (oldest first, as derived), not a scan per patient.
  const bySubject = new Map<string, Derived[]>([...given.keys()].map((id) => [id, []]));
  for (const d of stays) {
    const list = bySubject.get(d.record.stay.subjectId);
    if (list) list.push(d);
    else bySubject.set(d.record.stay.subjectId, [d]);
  }
  const rows = [...bySubject]
    .map(([id, own]) => buildWeek(week, patientOf(id, own, given.get(id)), own, input.program))
    .sort(
      (a, b) =>
        a.displayName.localeCompare(b.displayName) || a.patientId.localeCompare(b.patientId),
    );
  return {
    ...week,
    programId: input.program.id,
    rows,
    underAttendedCount: rows.filter((r) => r.underAttended).length,
  };
}

/** The longest range a report covers in one request: about ten years of weeks. */
export const MAX_RANGE_WEEKS = 530;

export interface PatientRangeInput {
  program: ProgramRow;
  patientId: string;
  records: readonly StayRecord[];
  /** First and last local dates, inclusive, 'YYYY-MM-DD'. */
  from: string;
  to: string;
  now?: number;
}

/** One row per week from the week containing `from` to the week containing `to`. */
export function patientRange(input: PatientRangeInput): PatientWeek[] {
  if (!isDate(input.from) || !isDate(input.to))
    throw new HavenError('BAD_REQUEST', 'dates must be valid YYYY-MM-DD');
  if (input.from > input.to) throw new HavenError('BAD_REQUEST', 'the range ends before it starts');
  const tz = input.program.timeZone;
  const stays = derivePatientStays(input.records, input.program, input.now).filter(
    (d) => d.record.stay.subjectId === input.patientId,
  );
  const patient = patientOf(input.patientId, stays);
  const last = weekOf(startOfDay(input.to, tz), tz);
  const weeks: PatientWeek[] = [];
  let week = weekOf(startOfDay(input.from, tz), tz);
  for (;;) {
    if (weeks.length >= MAX_RANGE_WEEKS)
      throw new HavenError('BAD_REQUEST', 'the range is too long');
    const current = week;
    weeks.push(
      buildWeek(
        current,
        patient,
        stays.filter((d) => inWeek(current, d)),
        input.program,
      ),
    );
    if (current.weekStart >= last.weekStart) break;
    week = weekOf(current.end, tz);
  }
  return weeks;
}
