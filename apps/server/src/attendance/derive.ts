import type {
  CheckInAnswers,
  Correction,
  EndedBy,
  LedgerEventRow,
  PresenceEnd,
  PresentInterval,
  ProgramRow,
  SessionRow,
  StayRecord,
  StayResult,
} from './types.js';
import { applyCorrections } from './corrections.js';
import { summarize } from './summary.js';

export type MediaMode = 'video' | 'audio';

export interface ModeChange {
  at: number;
  mode: MediaMode;
}

/** What the ledger of one stay says, before any billing judgement. */
export interface Timeline {
  arrival: number | null;
  admission: number | null;
  intervals: PresentInterval[];
  /** Media modes in ledger order; before the first, the mode is audio. */
  modes: ModeChange[];
  drops: number;
  endedBy: EndedBy;
  closed: boolean;
  removedReason: string | null;
}

/** Ledger events that close a stay, and how each reads as the end of a stay. */
const CLOSING: Readonly<Record<string, EndedBy>> = {
  left: 'left',
  removed: 'removed',
  denied: 'denied',
  late_arrival_refused: 'denied',
  session_ended: 'session_ended',
  server_restart: 'server_restart',
};

/** Whether an event ends the stay: the ledger marks the stay closed with it. */
export const closesStay = (type: string): boolean => Object.hasOwn(CLOSING, type);

/** How each closing event ends a period of presence, when one is open. */
const ENDS_PRESENCE: Readonly<Record<string, PresenceEnd>> = {
  connection_lost: 'dropped',
  sent_to_waiting: 'waiting_room',
  left: 'left',
  removed: 'removed',
  denied: 'left',
  session_ended: 'session_ended',
  server_restart: 'server_restart',
};

type Phase = 'absent' | 'waiting' | 'admitted' | 'closed';

/**
 * Replays one stay's events, in ledger order, into periods of presence. A person is
 * present while admitted and connected: from an admission (the first, or after the
 * waiting room) or a reconnect while admitted, until the connection is lost, they are
 * sent to the waiting room, removed, leave, the session ends or the server restarts.
 * Stepping out with a clinician is therapy and does not interrupt presence. Reconnects
 * add periods to the same stay; they never split it.
 *
 * A period still open after the last event runs to `now`, capped at the session's end
 * when it has ended; with neither, it runs to the last event and claims nothing more.
 */
export function readTimeline(
  events: readonly LedgerEventRow[],
  session: SessionRow,
  now?: number,
): Timeline {
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  const intervals: PresentInterval[] = [];
  const modes: ModeChange[] = [];
  let arrival: number | null = null;
  let admission: number | null = null;
  let phase: Phase = 'absent';
  let openSince: number | null = null;
  let closedBy: EndedBy | null = null;
  let drops = 0;
  // An admission while the connection is lost starts nothing: presence starts when the
  // person is back (older servers could admit someone who had dropped from the queue).
  let connected = true;
  let removedReason: string | null = null;
  let lastAt = -Infinity;

  const open = (at: number): void => {
    openSince ??= at;
  };
  const close = (at: number, end: PresenceEnd): void => {
    if (openSince === null) return;
    intervals.push({ from: openSince, to: Math.max(at, openSince), end });
    openSince = null;
  };

  for (const e of ordered) {
    // A restart after the stay had already ended says nothing about it (earlier servers
    // wrote one into every stay they had not marked closed).
    if (e.type === 'server_restart' && phase === 'closed') continue;
    lastAt = Math.max(lastAt, e.at);
    const ends = ENDS_PRESENCE[e.type];
    if (ends !== undefined) close(e.at, ends);
    switch (e.type) {
      case 'arrived':
        arrival ??= e.at;
        closedBy = null;
        connected = true;
        if (phase === 'admitted') open(e.at);
        else phase = 'waiting';
        break;
      case 'admitted':
        admission ??= e.at;
        closedBy = null;
        phase = 'admitted';
        if (connected) open(e.at);
        break;
      case 'reconnected':
        connected = true;
        if (phase === 'admitted') open(e.at);
        break;
      case 'connection_lost':
        connected = false;
        drops += 1;
        break;
      case 'sent_to_waiting':
        if (phase === 'admitted') phase = 'waiting';
        break;
      case 'late_arrival_refused':
        arrival ??= e.at;
        break;
      case 'removed':
        removedReason = typeof e.data?.reason === 'string' ? e.data.reason : null;
        break;
      case 'media_mode': {
        const mode = e.data?.mode;
        if (mode === 'video' || mode === 'audio') modes.push({ at: e.at, mode });
        break;
      }
      default:
        break;
    }
    const closing = CLOSING[e.type];
    if (closing !== undefined) {
      phase = 'closed';
      closedBy = closing;
    }
  }

  const endedAt = session.endedAt;
  if (openSince !== null) {
    const cap = Math.min(now ?? Infinity, endedAt ?? Infinity);
    const to = Number.isFinite(cap) ? cap : lastAt;
    close(to, endedAt !== null && to === endedAt ? 'session_ended' : 'open');
  }
  const closed = phase === 'closed' || endedAt !== null;
  return {
    arrival,
    admission,
    intervals,
    modes,
    drops,
    endedBy: endedByOf(intervals, closedBy, closed),
    closed,
    removedReason,
  };
}

/**
 * How the stay ended, read from the person's last period of presence: a drop they did
 * not come back from is 'dropped' even if the session ended later. Someone sent to the
 * waiting room takes the reason the stay closed afterwards, or 'open' while it has not.
 */
function endedByOf(
  intervals: readonly PresentInterval[],
  closedBy: EndedBy | null,
  closed: boolean,
): EndedBy {
  const last = intervals.at(-1);
  if (last === undefined) return closedBy === 'denied' ? 'denied' : 'never_admitted';
  switch (last.end) {
    case 'open':
      return 'open';
    case 'dropped':
      return 'dropped';
    case 'waiting_room':
    case 'corrected':
      if (closedBy !== null) return closedBy;
      return closed ? 'session_ended' : 'open';
    default:
      return last.end;
  }
}

export interface DeriveOptions {
  session: SessionRow;
  program: ProgramRow;
  checkIn?: CheckInAnswers | null;
  /** The clock for live views: an open period of presence counts up to here. */
  now?: number;
  /** Corrections of this stay, in any order; the latest of each field wins. */
  corrections?: readonly Correction[];
}

/** The attendance of one stay as the ledger shows it, and as corrected. */
export function deriveStay(events: readonly LedgerEventRow[], opts: DeriveOptions): StayResult {
  const timeline = readTimeline(events, opts.session, opts.now);
  const context = { session: opts.session, program: opts.program, checkIn: opts.checkIn ?? null };
  const derived = summarize(timeline, context);
  const { effective, applied, ignored } = applyCorrections(
    derived,
    timeline,
    context,
    opts.corrections ?? [],
  );
  return { derived, effective, applied, ignored };
}

/** `deriveStay` for one stay's record, with only the corrections that name this stay. */
export function deriveRecord(record: StayRecord, program: ProgramRow, now?: number): StayResult {
  return deriveStay(record.events, {
    session: record.session,
    program,
    checkIn: record.checkIn ?? null,
    now,
    corrections: (record.corrections ?? []).filter((c) => c.stayId === record.stay.id),
  });
}
