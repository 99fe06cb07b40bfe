import { HavenError } from '@haven/protocol';

// Plain calendar-date arithmetic is the data layer's; this module adds the time-zone parts.
export { addDays, isDate, isoWeekday } from '@haven/db';

/**
 * Local calendar arithmetic in an IANA time zone with Intl only. Dates are
 * 'YYYY-MM-DD' strings; instants are epoch milliseconds.
 */

const HOUR_MS = 3_600_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const formats = new Map<string, Intl.DateTimeFormat>();
const midnights = new Map<string, number>();
/** Local dates by zone and instant: reports ask for the same session starts many times. */
const dates = new Map<string, Map<number, string>>();
const CACHE_LIMIT = 10_000;

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (f === undefined) {
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
    formats.set(timeZone, f);
  }
  return f;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** What a wall clock in `timeZone` reads at instant `ms`, to the second. */
export function wallClock(ms: number, timeZone: string): Wall {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const p of format(timeZone).formatToParts(ms)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** How far the local clock is ahead of UTC at `ms`, in milliseconds (negative west of Greenwich). */
export function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wallAsUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

const two = (n: number): string => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number): string =>
  `${String(y).padStart(4, '0')}-${two(m)}-${two(d)}`;

function computeLocalDate(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  return ymd(w.year, w.month, w.day);
}

/** The local calendar date at `ms`. */
export function localDate(ms: number, timeZone: string): string {
  let byInstant = dates.get(timeZone);
  const cached = byInstant?.get(ms);
  if (cached !== undefined) return cached;
  const date = computeLocalDate(ms, timeZone);
  if (!byInstant) dates.set(timeZone, (byInstant = new Map()));
  if (byInstant.size >= CACHE_LIMIT) byInstant.clear();
  byInstant.set(ms, date);
  return date;
}

function parseDate(date: string): [number, number, number] {
  const m = DATE_RE.exec(date);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const t = new Date(Date.UTC(y, mo - 1, d));
    if (t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d)
      return [y, mo, d];
  }
  throw new HavenError('BAD_REQUEST', 'dates must be valid YYYY-MM-DD');
}

/**
 * The first instant of `date` in `timeZone`: usually local midnight, or the end of the
 * gap where a zone skips midnight. Found by bisection on the local date, which holds
 * for any offset between UTC-12 and UTC+14 and needs no knowledge of the zone's rules.
 */
export function startOfDay(date: string, timeZone: string): number {
  const key = `${timeZone}\u0000${date}`;
  const cached = midnights.get(key);
  if (cached !== undefined) return cached;
  const [y, m, d] = parseDate(date);
  const utcMidnight = Date.UTC(y, m - 1, d);
  let before = utcMidnight - 15 * HOUR_MS; // local date is still the day before
  let onOrAfter = utcMidnight + 13 * HOUR_MS; // local date has reached `date`
  while (onOrAfter - before > 1) {
    const mid = Math.floor((before + onOrAfter) / 2);
    if (computeLocalDate(mid, timeZone) < date) before = mid;
    else onOrAfter = mid;
  }
  if (midnights.size >= CACHE_LIMIT) midnights.clear();
  midnights.set(key, onOrAfter);
  return onOrAfter;
}

/** ISO 8601 local time with the zone's offset at that instant, to the second: 2026-03-09T18:00:00-04:00. */
export function isoLocal(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  const offsetMinutes = Math.round(offsetAt(ms, timeZone) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone = `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
  return `${ymd(w.year, w.month, w.day)}T${two(w.hour)}:${two(w.minute)}:${two(w.second)}${zone}`;
}
