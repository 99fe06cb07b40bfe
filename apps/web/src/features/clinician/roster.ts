import { correctionMinutesLimit, type SessionTimes } from '@haven/protocol';
import type { Locale } from '../../i18n';
import type { EndedBy, Roster, RosterRow, SessionStatus, Signoff, StaySummary } from './types';

const two = (n: number): string => String(n).padStart(2, '0');

/** "45 min", "2 h 05 min": the same in English and Spanish. */
export function formatMinutes(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  return h > 0 ? `${h} h ${two(m)} min` : `${m} min`;
}

/** A time of day in the program's time zone, or a dash when there is none. */
export function clock(at: number | null, locale: Locale, timeZone: string): string {
  if (at === null) return '—';
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone }).format(
    at,
  );
}

/** Message keys for how a stay ended, where a place of service or modifier is explained. */
export const ENDED_BY_KEY = {
  left: 'endedLeft',
  removed: 'endedRemoved',
  dropped: 'endedDropped',
  session_ended: 'endedSession',
  server_restart: 'endedRestart',
  denied: 'endedDenied',
  never_admitted: 'endedNeverAdmitted',
  open: 'endedOpen',
} as const satisfies Record<EndedBy, string>;

export const PLACE_KEY = { '02': 'placeNotHome', '10': 'placeHome' } as const;
export const MODIFIER_KEY = { '95': 'modifierVideo', '93': 'modifierAudio' } as const;

/** Whether the figure a clinician may correct differs from, or was corrected over, the ledger. */
export function isCorrected(row: RosterRow): boolean {
  return (
    row.corrections.some((c) => c.field === 'minutesPresent') ||
    row.summary.minutesPresent !== row.original.minutesPresent
  );
}

/** Patients first (the billing roster), then staff; each by name. */
export function splitRows(rows: readonly RosterRow[]): {
  patients: RosterRow[];
  staff: RosterRow[];
} {
  const byName = (a: RosterRow, b: RosterRow) =>
    a.displayName.localeCompare(b.displayName) || a.stayId.localeCompare(b.stayId);
  return {
    patients: rows.filter((r) => r.subjectKind === 'patient').sort(byName),
    staff: rows.filter((r) => r.subjectKind === 'staff').sort(byName),
  };
}

export interface Totals {
  patients: number;
  billable: number;
  minutesPresent: number;
}

export function totals(rows: readonly RosterRow[]): Totals {
  const patients = rows.filter((r) => r.subjectKind === 'patient');
  return {
    patients: patients.length,
    billable: patients.filter((r) => r.summary.billable).length,
    minutesPresent: patients.reduce((sum, r) => sum + r.summary.minutesPresent, 0),
  };
}

/** A correction's new value as shown: minutes for `minutesPresent`, otherwise nothing to show. */
export function correctionValue(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export type SignoffState =
  | { kind: 'notEnded'; status: SessionStatus }
  | { kind: 'ready' }
  | { kind: 'signed'; signoff: Signoff }
  /** Signed, then someone corrected a figure: signing again confirms the new figures. */
  | { kind: 'changedSinceSigned'; signoff: Signoff };

export function signoffState(roster: Roster, userId: string): SignoffState {
  if (roster.session.status !== 'ended') return { kind: 'notEnded', status: roster.session.status };
  const mine = roster.signoffs
    .filter((s) => s.signedBy === userId)
    .sort((a, b) => b.signedAt - a.signedAt)[0];
  if (!mine) return { kind: 'ready' };
  const changed = roster.rows.some((r) => r.corrections.some((c) => c.createdAt > mine.signedAt));
  return changed
    ? { kind: 'changedSinceSigned', signoff: mine }
    : { kind: 'signed', signoff: mine };
}

export type CorrectionProblem = 'valueRequired' | 'valueRange' | 'reasonRequired' | 'unchanged';

/**
 * The most minutes a correction may give: the session, give or take two hours (the
 * server's rule for corrected presence), so a mistyped 900 for a three-hour group is
 * caught in the form.
 */
export const correctionLimit = (session: SessionTimes): number =>
  Math.min(24 * 60, correctionMinutesLimit(session));

/** Checks a correction form; answers the minutes to send, or what is wrong. */
export function checkCorrection(
  rawValue: string,
  reason: string,
  current: StaySummary,
  limit = 24 * 60,
): { ok: true; value: number } | { ok: false; problem: CorrectionProblem } {
  const text = rawValue.trim();
  if (text === '') return { ok: false, problem: 'valueRequired' };
  if (!/^\d+$/.test(text)) return { ok: false, problem: 'valueRange' };
  const value = Number(text);
  if (value > limit) return { ok: false, problem: 'valueRange' };
  if (reason.trim().length < 3) return { ok: false, problem: 'reasonRequired' };
  if (value === current.minutesPresent) return { ok: false, problem: 'unchanged' };
  return { ok: true, value };
}
