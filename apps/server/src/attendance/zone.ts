import { dateInZone, isDate, wallClockAt, zoneOffsetAt } from '@haven/db';
import { HavenError } from '@haven/protocol';

// Calendar and time-zone arithmetic is the data layer's (packages/db zoned-time.ts); this
// module adds what the reports ask of it many times over: cached local dates and first
// instants of days, and ISO local times.
export { addDays, isDate, isoWeekday } from '@haven/db';

const HOUR_MS = 3_600_000;
const midnights = new Map<string, number>();
/** Local dates by zone and instant: reports ask for the same session starts many times. */
const dates = new Map<string, Map<number, string>>();
const CACHE_LIMIT = 10_000;

/** The local calendar date at `ms`. */
export function localDate(ms: number, timeZone: string): string {
  let byInstant = dates.get(timeZone);
  const cached = byInstant?.get(ms);
  if (cached !== undefined) return cached;
  const date = dateInZone(ms, timeZone);
  if (!byInstant) dates.set(timeZone, (byInstant = new Map()));
  if (byInstant.size >= CACHE_LIMIT) byInstant.clear();
  byInstant.set(ms, date);
  return date;
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
  if (!isDate(date)) throw new HavenError('BAD_REQUEST', 'dates must be valid YYYY-MM-DD');
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  let before = utcMidnight - 15 * HOUR_MS; // local date is still the day before
  let onOrAfter = utcMidnight + 13 * HOUR_MS; // local date has reached `date`
  while (onOrAfter - before > 1) {
    const mid = Math.floor((before + onOrAfter) / 2);
    if (dateInZone(mid, timeZone) < date) before = mid;
    else onOrAfter = mid;
  }
  if (midnights.size >= CACHE_LIMIT) midnights.clear();
  midnights.set(key, onOrAfter);
  return onOrAfter;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** ISO 8601 local time with the zone's offset at that instant, to the second: 2026-03-09T18:00:00-04:00. */
export function isoLocal(ms: number, timeZone: string): string {
  const w = wallClockAt(ms, timeZone);
  const offsetMinutes = Math.round(zoneOffsetAt(ms, timeZone) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone = `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
  const date = `${String(w.year).padStart(4, '0')}-${two(w.month)}-${two(w.day)}`;
  return `${date}T${two(w.hour)}:${two(w.minute)}:${two(w.second)}${zone}`;
}
