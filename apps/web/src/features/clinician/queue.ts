import type { ProducerInfo, PublicParticipant, WaitingEntry } from '@haven/protocol';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** A wait this long is shown as overdue. */
export const LONG_WAIT_MS = 5 * MINUTE;

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * How long someone has waited, ticking by the second: "45 s", "3 min 05 s", "1 h 02 min".
 * The units are the same in English and Spanish. Clock skew never shows a negative wait.
 */
export function formatWait(ms: number): string {
  const total = Math.max(0, Math.floor(ms / SECOND));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${two(m)} min`;
  if (m > 0) return `${m} min ${two(s)} s`;
  return `${s} s`;
}

export const isLongWait = (ms: number): boolean => ms >= LONG_WAIT_MS;

/** The waiting room in order of arrival (first come, first admitted); ties by name, then id. */
export function orderQueue(entries: readonly WaitingEntry[]): WaitingEntry[] {
  return [...entries].sort(
    (a, b) =>
      a.waitingSince - b.waitingSince ||
      a.displayName.localeCompare(b.displayName) ||
      a.participantId.localeCompare(b.participantId),
  );
}

/** Raised hands in the order they went up. */
export function handQueue(roster: readonly PublicParticipant[]): PublicParticipant[] {
  return roster
    .filter((p) => p.handRaisedAt !== null)
    .sort((a, b) => (a.handRaisedAt ?? 0) - (b.handRaisedAt ?? 0) || a.id.localeCompare(b.id));
}

/** What needs the clinician's attention before admitting someone. */
export type Concern = 'offline' | 'noCheckIn' | 'notPrivate' | 'notHome' | 'late' | 'returned';

/**
 * Concerns that stand out as warnings; the rest are plain facts. Someone with a warning is
 * exactly someone "Admit all" leaves out (`clearToAdmitAll`).
 */
export const WARNINGS: ReadonlySet<Concern> = new Set(['offline', 'noCheckIn', 'notPrivate']);

export function concerns(entry: WaitingEntry): Concern[] {
  const out: Concern[] = [];
  if (!entry.connected) out.push('offline');
  if (!entry.checkIn) out.push('noCheckIn');
  else {
    if (!entry.checkIn.privatePlace) out.push('notPrivate');
    if (!entry.checkIn.atHome) out.push('notHome');
  }
  if (entry.lateArrival) out.push('late');
  if (entry.returned) out.push('returned');
  return out;
}

/**
 * Whether a participant's microphone is off. The server lists producers only for people
 * in the viewer's space; for anyone else it is unknown.
 */
export function micState(p: PublicParticipant, sameSpace: boolean): 'on' | 'off' | 'unknown' {
  if (!sameSpace) return 'unknown';
  const mic: ProducerInfo | undefined = p.producers.find((x) => x.source === 'mic');
  return mic && !mic.paused ? 'on' : 'off';
}

export const isStaffRole = (p: Pick<PublicParticipant, 'role'>): boolean => p.role !== 'patient';

/** Everyone admitted except oneself: staff first, then patients, each by name. */
export function others(roster: readonly PublicParticipant[], selfId: string | null) {
  return roster
    .filter((p) => p.id !== selfId)
    .sort(
      (a, b) =>
        Number(isStaffRole(b)) - Number(isStaffRole(a)) ||
        a.displayName.localeCompare(b.displayName) ||
        a.id.localeCompare(b.id),
    );
}
