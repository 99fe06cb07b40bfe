import { HavenError } from '@haven/protocol';

/**
 * Calendar arithmetic in IANA time zones with nothing but Intl. Dates are
 * 'YYYY-MM-DD' strings, times of day 'HH:MM' (24 h), instants epoch milliseconds.
 */

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new HavenError('BAD_REQUEST', 'unknown time zone');
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** What a wall clock reads, to the second. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** What a wall clock in `timeZone` reads at instant `ms`. */
export function wallClockAt(ms: number, timeZone: string): WallClock {
  const out: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return {
    year: out.year ?? 0,
    month: out.month ?? 0,
    day: out.day ?? 0,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

/** Milliseconds the zone's wall clock is ahead of UTC at instant `ms` (negative west of UTC). */
export function zoneOffsetAt(ms: number, timeZone: string): number {
  const w = wallClockAt(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

function parseDate(date: string): [number, number, number] {
  const m = DATE_RE.exec(date);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const check = new Date(Date.UTC(y, mo - 1, d));
    if (
      check.getUTCFullYear() === y &&
      check.getUTCMonth() === mo - 1 &&
      check.getUTCDate() === d
    ) {
      return [y, mo, d];
    }
  }
  throw new HavenError('BAD_REQUEST', 'dates must be valid YYYY-MM-DD');
}

function parseTime(time: string): [number, number] {
  const m = TIME_RE.exec(time);
  if (!m) throw new HavenError('BAD_REQUEST', 'times of day must be HH:MM (00:00 to 23:59)');
  return [Number(m[1]), Number(m[2])];
}

export const isDate = (date: string): boolean => {
  try {
    parseDate(date);
    return true;
  } catch {
    return false;
  }
};
export const isTimeOfDay = (time: string): boolean => TIME_RE.test(time);

/**
 * The instant at which the wall clock in `timeZone` reads `date` `time`.
 *
 * Across a DST change this resolves like Temporal's 'compatible' disambiguation: a
 * time that occurs twice (clocks go back) gives the earlier instant; a time that never
 * occurs (clocks go forward) is moved forward by the gap, so 02:30 on the spring-forward
 * day in New York becomes 03:30 EDT.
 */
export function zonedTimeToUtc(date: string, time: string, timeZone: string): number {
  const [y, mo, d] = parseDate(date);
  const [h, mi] = parseTime(time);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const before = zoneOffsetAt(wall - DAY_MS, timeZone);
  const after = zoneOffsetAt(wall + DAY_MS, timeZone);
  const valid = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => zoneOffsetAt(instant, timeZone) === wall - instant);
  if (valid.length > 0) return Math.min(...valid);
  return wall - before;
}

/** The calendar date in `timeZone` at instant `ms`. */
export function dateInZone(ms: number, timeZone: string): string {
  const w = wallClockAt(ms, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month, 2)}-${pad(w.day, 2)}`;
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, mo, d] = parseDate(date);
  const t = new Date(Date.UTC(y, mo - 1, d + days));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}`;
}

/** ISO weekday of a calendar date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [y, mo, d] = parseDate(date);
  const day = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parseDate(from);
  const [y2, m2, d2] = parseDate(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY_MS);
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
