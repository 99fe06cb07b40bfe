/**
 * Calendar dates as 'YYYY-MM-DD' strings, and the instants that bound them in a time
 * zone. Pure: `today` is always passed in, so tests pick the day.
 */

const DAY = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const utc = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const addDays = (iso: string, days: number): string => fromUtc(utc(iso) + days * DAY);

export const daysBetween = (from: string, to: string): number =>
  Math.round((utc(to) - utc(from)) / DAY);

/** 1 = Monday ... 7 = Sunday. */
export function isoWeekday(iso: string): number {
  const day = new Date(utc(iso)).getUTCDay();
  return day === 0 ? 7 : day;
}

export const mondayOf = (iso: string): string => addDays(iso, 1 - isoWeekday(iso));

/** The seven dates of the week starting on `weekStart`. */
export const weekDates = (weekStart: string): string[] =>
  Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));

/** The browser's local date of `now`. */
export function localIsoDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The last `weeks` program weeks up to `today`: from a Monday to today. */
export function recentWeeks(today: string, weeks: number): { from: string; to: string } {
  return { from: addDays(mondayOf(today), -7 * (weeks - 1)), to: today };
}

export type RangeProblem = 'missing' | 'invalid' | 'order' | 'tooLong';

/** Why a from/to pair cannot be asked for, or null when it can. */
export function checkRange(from: string, to: string, maxDays = 366): RangeProblem | null {
  if (!from || !to) return 'missing';
  if (!isIsoDate(from) || !isIsoDate(to)) return 'invalid';
  if (to < from) return 'order';
  if (daysBetween(from, to) > maxDays) return 'tooLong';
  return null;
}

/** How far `timeZone`'s wall clock is ahead of UTC at instant `ms`, in milliseconds. */
export function zoneOffset(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The date it is at instant `ms` in `timeZone`: a program's today, whatever the browser's. */
export function zonedIsoDate(ms: number, timeZone: string): string {
  return new Date(ms + zoneOffset(ms, timeZone)).toISOString().slice(0, 10);
}

/** The first instant of local date `iso` in `timeZone`, across daylight-saving changes. */
export function zonedMidnight(iso: string, timeZone: string): number {
  const guess = utc(iso);
  const first = guess - zoneOffset(guess, timeZone);
  const second = guess - zoneOffset(first, timeZone);
  return second;
}

/**
 * The instants an export of dates `from`..`to` (inclusive) covers in `timeZone`: from
 * the first moment of `from` to the first moment of the day after `to`.
 */
export function exportWindow(
  from: string,
  to: string,
  timeZone: string,
): { from: number; to: number } {
  return { from: zonedMidnight(from, timeZone), to: zonedMidnight(addDays(to, 1), timeZone) };
}

/** Time zones run from 12 hours behind UTC to 14 ahead. */
const MOST_BEHIND = 12 * 3_600_000;
const MOST_AHEAD = 14 * 3_600_000;

/**
 * Instants that hold dates `from`..`to` (inclusive) in every time zone: what to ask for
 * when each row is dated in its own zone, then kept with `onDates`.
 */
export function anyZoneWindow(from: string, to: string): { from: number; to: number } {
  return { from: utc(from) - MOST_AHEAD, to: utc(addDays(to, 1)) + MOST_BEHIND };
}

/** Whether instant `ms` falls on dates `from`..`to` (inclusive) in `timeZone`. */
export function onDates(ms: number, timeZone: string, from: string, to: string): boolean {
  const date = zonedIsoDate(ms, timeZone);
  return date >= from && date <= to;
}
