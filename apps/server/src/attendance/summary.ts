import type { MediaMode, ModeChange, Timeline } from './derive.js';
import type {
  CheckInAnswers,
  Gap,
  PlaceOfService,
  PresentInterval,
  ProgramRow,
  SessionRow,
  StaySummary,
  TelehealthModifier,
} from './types.js';

export const MINUTE_MS = 60_000;
/** Leaving within this long of the scheduled end is not leaving early. */
export const LEFT_EARLY_GRACE_MS = 5 * MINUTE_MS;

export interface SummaryContext {
  session: SessionRow;
  program: ProgramRow;
  checkIn: CheckInAnswers | null;
}

/** Time present, split by the media mode in force, in milliseconds. */
export interface Presence {
  presentMs: number;
  videoMs: number;
  audioMs: number;
}

/** Splits periods of presence by the media mode in force; before any change the mode is audio. */
export function presenceOf(
  intervals: readonly PresentInterval[],
  modes: readonly ModeChange[],
): Presence {
  const changes = [...modes].sort((a, b) => a.at - b.at);
  let videoMs = 0;
  let audioMs = 0;
  for (const { from, to } of intervals) {
    let mode: MediaMode = 'audio';
    let cursor = from;
    for (const change of changes) {
      if (change.at >= to) break;
      if (change.at > cursor) {
        if (mode === 'video') videoMs += change.at - cursor;
        else audioMs += change.at - cursor;
        cursor = change.at;
      }
      mode = change.mode;
    }
    if (mode === 'video') videoMs += to - cursor;
    else audioMs += to - cursor;
  }
  return { presentMs: videoMs + audioMs, videoMs, audioMs };
}

/**
 * Whole minutes. Present time is floored (a minute is claimed only when it was spent);
 * video and audio are floored too and the minute their remainders leave over goes to
 * the larger remainder, so video + audio always equals the minutes present. It never
 * makes the first minute of video: a row shows video only for a whole minute of it,
 * as the claim's modifier 95 asks, so no row shows video and bills audio only.
 */
export function minutesOf(p: Presence): { present: number; video: number; audio: number } {
  const present = Math.floor(p.presentMs / MINUTE_MS);
  let video = Math.floor(p.videoMs / MINUTE_MS);
  let audio = Math.floor(p.audioMs / MINUTE_MS);
  if (video + audio < present) {
    if (video > 0 && p.videoMs % MINUTE_MS >= p.audioMs % MINUTE_MS) video += 1;
    else audio += 1;
  }
  return { present, video, audio };
}

function gapsOf(intervals: readonly PresentInterval[]): Gap[] {
  const gaps: Gap[] = [];
  for (let i = 1; i < intervals.length; i += 1) {
    const before = intervals[i - 1];
    const after = intervals[i];
    if (before && after && after.from > before.to)
      gaps.push({ from: before.to, to: after.from, reason: before.end });
  }
  return gaps;
}

/**
 * Left early: the last period of presence ended more than the grace before the end of
 * the session (the scheduled end, or the actual end when the session ended sooner),
 * and not because the session ended or the server restarted. Only a closed stay can
 * have left early: while it is open the person may still come back.
 */
function leftEarlyOf(
  intervals: readonly PresentInterval[],
  session: SessionRow,
  closed: boolean,
): boolean {
  const last = intervals.at(-1);
  if (!closed || last === undefined) return false;
  if (last.end === 'open' || last.end === 'session_ended' || last.end === 'server_restart')
    return false;
  const scheduledEnd = session.startsAt + session.durationMinutes * MINUTE_MS;
  const end = Math.min(scheduledEnd, session.endedAt ?? Infinity);
  return last.to < end - LEFT_EARLY_GRACE_MS;
}

const placeOf = (checkIn: CheckInAnswers | null): PlaceOfService | null =>
  checkIn === null ? null : checkIn.atHome ? '10' : '02';

/**
 * The claim fields. Place of service 10 when the patient said they were at home, 02
 * otherwise, none without a check-in. Modifier 95 when at least one whole minute was
 * on video, 93 when present otherwise (audio only), none when never present. Billable
 * when present at least the program's minimum, and audio only is allowed if that is
 * all it was.
 */
export function claimOf(
  p: Presence,
  minutesPresent: number,
  ctx: SummaryContext,
): {
  placeOfService: PlaceOfService | null;
  modifier: TelehealthModifier | null;
  billable: boolean;
} {
  const placeOfService = placeOf(ctx.checkIn);
  const modifier: TelehealthModifier | null =
    p.videoMs >= MINUTE_MS ? '95' : p.presentMs > 0 ? '93' : null;
  const billable =
    minutesPresent > 0 &&
    minutesPresent >= ctx.program.minBillableMinutes &&
    (modifier !== '93' || ctx.program.audioOnlyAllowed);
  return { placeOfService, modifier, billable };
}

export function figures(
  intervals: readonly PresentInterval[],
  p: Presence,
  closed: boolean,
  ctx: SummaryContext,
): Pick<
  StaySummary,
  | 'presentIntervals'
  | 'gaps'
  | 'minutesPresent'
  | 'minutesVideo'
  | 'minutesAudioOnly'
  | 'leftEarly'
  | 'placeOfService'
  | 'modifier'
  | 'billable'
> {
  const m = minutesOf(p);
  return {
    presentIntervals: intervals.map((i) => ({ ...i })),
    gaps: gapsOf(intervals),
    minutesPresent: m.present,
    minutesVideo: m.video,
    minutesAudioOnly: m.audio,
    leftEarly: leftEarlyOf(intervals, ctx.session, closed),
    ...claimOf(p, m.present, ctx),
  };
}

/**
 * The summary the ledger supports. Late is counted from arrival in the waiting room,
 * not from admission: a patient who was there on time and waited for the clinician is
 * not late.
 */
export function summarize(t: Timeline, ctx: SummaryContext): StaySummary {
  const came = t.arrival ?? t.admission ?? t.intervals[0]?.from ?? null;
  const minutesLate =
    came === null ? 0 : Math.floor(Math.max(0, came - ctx.session.startsAt) / MINUTE_MS);
  return {
    arrival: t.arrival,
    admission: t.admission,
    ...figures(t.intervals, presenceOf(t.intervals, t.modes), t.closed, ctx),
    minutesLate,
    drops: t.drops,
    endedBy: t.endedBy,
    closed: t.closed,
    removedReason: t.removedReason,
  };
}
