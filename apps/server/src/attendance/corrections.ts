import type { ModeChange, Timeline } from './derive.js';
import {
  MINUTE_MS,
  claimOf,
  figures,
  minutesOf,
  presenceOf,
  type Presence,
  type SummaryContext,
} from './summary.js';
import type { Correction, IgnoredCorrection, PresentInterval, StaySummary } from './types.js';

function parseIntervals(value: unknown): PresentInterval[] | null {
  if (!Array.isArray(value)) return null;
  const out: PresentInterval[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) return null;
    const { from, to } = item as { from?: unknown; to?: unknown };
    if (
      typeof from !== 'number' ||
      typeof to !== 'number' ||
      !Number.isFinite(from) ||
      !Number.isFinite(to)
    )
      return null;
    if (to < from) return null;
    out.push({ from, to, end: 'corrected' });
  }
  out.sort((a, b) => a.from - b.from);
  const merged: PresentInterval[] = [];
  for (const i of out) {
    const last = merged.at(-1);
    if (last && i.from <= last.to) last.to = Math.max(last.to, i.to);
    else merged.push(i);
  }
  return merged;
}

const parseMinutes = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;

/** `minutes` of presence split like the derived presence was, or in the last mode seen when there was none. */
function scaled(minutes: number, derived: Presence, modes: readonly ModeChange[]): Presence {
  const presentMs = minutes * MINUTE_MS;
  if (derived.presentMs > 0) {
    const videoMs = Math.round((presentMs * derived.videoMs) / derived.presentMs);
    return { presentMs, videoMs, audioMs: presentMs - videoMs };
  }
  const video = modes.at(-1)?.mode === 'video';
  return { presentMs, videoMs: video ? presentMs : 0, audioMs: video ? 0 : presentMs };
}

/**
 * Lays corrections over the derived summary. 'presentIntervals' ([{ from, to }])
 * replaces the periods of presence, and everything computed from them; 'minutesPresent'
 * (a number) replaces the count of minutes only, split between video and audio as the
 * ledger's were. For each field the latest correction wins; a later 'presentIntervals'
 * also supersedes an earlier 'minutesPresent'. The ledger's own facts (arrival,
 * admission, lateness, drops, how the stay ended) are never corrected here.
 */
export function applyCorrections(
  derived: StaySummary,
  t: Timeline,
  ctx: SummaryContext,
  corrections: readonly Correction[],
): { effective: StaySummary; applied: Correction[]; ignored: IgnoredCorrection[] } {
  const ordered = corrections
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.createdAt - b.c.createdAt || a.i - b.i)
    .map(({ c }) => c);
  const ignored: IgnoredCorrection[] = [];
  let intervals: { c: Correction; at: number; value: PresentInterval[] } | null = null;
  let minutes: { c: Correction; at: number; value: number } | null = null;

  for (const [at, c] of ordered.entries()) {
    if (c.field === 'presentIntervals') {
      const value = parseIntervals(c.value);
      if (value === null) {
        ignored.push({ correction: c, why: 'invalid value' });
        continue;
      }
      if (intervals) ignored.push({ correction: intervals.c, why: 'superseded' });
      intervals = { c, at, value };
    } else if (c.field === 'minutesPresent') {
      const value = parseMinutes(c.value);
      if (value === null) {
        ignored.push({ correction: c, why: 'invalid value' });
        continue;
      }
      if (minutes) ignored.push({ correction: minutes.c, why: 'superseded' });
      minutes = { c, at, value };
    } else {
      ignored.push({ correction: c, why: 'unknown field' });
    }
  }
  if (intervals && minutes && intervals.at > minutes.at) {
    ignored.push({ correction: minutes.c, why: 'superseded' });
    minutes = null;
  }

  let effective: StaySummary = {
    ...derived,
    presentIntervals: derived.presentIntervals.map((i) => ({ ...i })),
    gaps: derived.gaps.map((g) => ({ ...g })),
  };
  if (intervals) {
    effective = {
      ...effective,
      ...figures(intervals.value, presenceOf(intervals.value, t.modes), t.closed, ctx),
    };
  }
  if (minutes) {
    const base = intervals
      ? presenceOf(intervals.value, t.modes)
      : presenceOf(t.intervals, t.modes);
    const p = scaled(minutes.value, base, t.modes);
    const m = minutesOf(p);
    effective = {
      ...effective,
      minutesPresent: m.present,
      minutesVideo: m.video,
      minutesAudioOnly: m.audio,
      ...claimOf(p, m.present, ctx),
    };
  }
  const applied = [intervals, minutes]
    .filter((x): x is NonNullable<typeof x> => x !== null)
    .sort((a, b) => a.at - b.at)
    .map((x) => x.c);
  ignored.sort((a, b) => ordered.indexOf(a.correction) - ordered.indexOf(b.correction));
  return { effective, applied, ignored };
}
