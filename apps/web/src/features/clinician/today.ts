import type { Locale } from '../../i18n';
import type { ClinicSession, EnrolledPatient, PatientRecord } from './types';

const HOUR = 3_600_000;

/** Local midnight of the day `now` falls in, and the next one. */
export function dayBounds(now: number): { start: number; end: number } {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  const end = new Date(start);
  end.setDate(end.getDate() + 1);
  return { start: start.getTime(), end: end.getTime() };
}

/**
 * What to ask the server for: today, plus the evening before, so a session that started
 * late yesterday and still runs is not lost at midnight.
 */
export function todayQuery(now: number): string {
  const { start, end } = dayBounds(now);
  const from = Math.min(start, now - 12 * HOUR);
  return `/api/sessions?from=${from}&to=${end}&mine=1`;
}

const endOf = (s: ClinicSession): number => s.startsAt + s.durationMinutes * 60_000;

/** Today's sessions, plus any that started earlier and are still running, by start time. */
export function todaysSessions(sessions: readonly ClinicSession[], now: number): ClinicSession[] {
  const { start, end } = dayBounds(now);
  return sessions
    .filter(
      (s) =>
        (s.startsAt >= start && s.startsAt < end) ||
        s.status === 'open' ||
        s.status === 'live' ||
        (s.status !== 'ended' && endOf(s) > now && s.startsAt < end),
    )
    .sort((a, b) => a.startsAt - b.startsAt || a.title.localeCompare(b.title));
}

/** The patients an invite may be made for: enrolled and active, by name. */
export function invitable(enrolled: readonly EnrolledPatient[]): PatientRecord[] {
  return enrolled
    .map((e) => e.patient)
    .filter((p) => p.active)
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
}

/** `at` formatted in the viewer's language, in `timeZone` (the browser's when not given). */
function formatIn(
  at: number,
  locale: Locale,
  options: Intl.DateTimeFormatOptions,
  timeZone?: string,
): string {
  return new Intl.DateTimeFormat(locale, { ...options, ...(timeZone ? { timeZone } : {}) }).format(
    at,
  );
}

export const timeOfDay = (at: number, locale: Locale, timeZone?: string): string =>
  formatIn(at, locale, { hour: 'numeric', minute: '2-digit' }, timeZone);

/** "6:00 PM – 9:00 PM" in the viewer's language. */
export function timeRange(session: ClinicSession, locale: Locale): string {
  return `${timeOfDay(session.startsAt, locale)} – ${timeOfDay(endOf(session), locale)}`;
}

export const dateTime = (at: number, locale: Locale, timeZone?: string): string =>
  formatIn(at, locale, { dateStyle: 'medium', timeStyle: 'short' }, timeZone);

/**
 * A date and time for someone elsewhere: in `timeZone`, with the zone named ("Monday,
 * November 23, 2026 at 6:00 PM PST"), so a patient in another zone reads it right.
 */
export const zonedDateTime = (at: number, locale: Locale, timeZone?: string): string =>
  formatIn(
    at,
    locale,
    {
      weekday: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    },
    timeZone,
  );

export const longDate = (at: number, locale: Locale, timeZone?: string): string =>
  formatIn(at, locale, { dateStyle: 'full' }, timeZone);

/** An email draft: the address may be empty, the person's mail app asks for it then. */
export function mailtoHref(email: string | null, subject: string, body: string): string {
  const to = email ? encodeURIComponent(email).replace(/%40/g, '@') : '';
  return `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

/** A text message draft; `?body=` is understood by Android and current iOS alike. */
export function smsHref(phone: string | null, body: string): string {
  const to = phone ? phone.replace(/[^\d+]/g, '') : '';
  return `sms:${to}?body=${encodeURIComponent(body)}`;
}
