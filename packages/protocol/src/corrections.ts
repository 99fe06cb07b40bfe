/** The times of a session a correction is judged against. */
export interface SessionTimes {
  startsAt: number;
  durationMinutes: number;
  endedAt: number | null;
}

/** How far before its start and after its end a correction may place presence. */
const CORRECTION_SLACK_MS = 2 * 3_600_000;
const MINUTE = 60_000;

/**
 * The instants corrected presence may fall within: from two hours before the scheduled
 * start to two hours after the later of the scheduled and the actual end. A mistyped
 * date would otherwise bill days of presence for a three-hour group. The server enforces
 * it; the clinician's form says it before sending.
 */
export function correctionWindow(session: SessionTimes): { earliest: number; latest: number } {
  const scheduledEnd = session.startsAt + session.durationMinutes * MINUTE;
  return {
    earliest: session.startsAt - CORRECTION_SLACK_MS,
    latest: Math.max(scheduledEnd, session.endedAt ?? 0) + CORRECTION_SLACK_MS,
  };
}

/** The most whole minutes of presence a correction may give (the window's length). */
export function correctionMinutesLimit(session: SessionTimes): number {
  const { earliest, latest } = correctionWindow(session);
  return Math.floor((latest - earliest) / MINUTE);
}
