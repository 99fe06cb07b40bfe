import type { AuditEntry } from '../common/types';

/**
 * Paging the audit trail newest first. Sequence numbers run 1, 2, 3... without gaps, so
 * a page is a window of them counted back from an anchor (the newest entry). Unfiltered,
 * a window holds one page of entries; filtered, a wide window is searched for matches.
 */
export const PAGE_SIZE = 50;
/** One less than the most the server answers at once, so one entry past the window shows. */
export const FILTERED_WINDOW = 999;

export interface AuditWindow {
  /** Ask for entries after this one... */
  afterSeq: number;
  /** ...and show those up to this one. */
  upTo: number;
  /** One more than the window: an entry past it means newer ones exist. */
  limit: number;
}

export const windowSize = (filtered: boolean): number => (filtered ? FILTERED_WINDOW : PAGE_SIZE);

/** Page `index` back from `anchor`: 0 ends at the anchor, 1 is the window before it. */
export function auditWindow(anchor: number, index: number, filtered: boolean): AuditWindow {
  const size = windowSize(filtered);
  const upTo = Math.max(anchor - index * size, 0);
  return { afterSeq: Math.max(upTo - size, 0), upTo, limit: size + 1 };
}

/** Whether an older page exists. */
export const hasOlder = (w: AuditWindow): boolean => w.afterSeq > 0;

/** Whether a newer page exists: below the head when it is known, else when entries went past the window. */
export function hasNewer(
  w: AuditWindow,
  head: number | null,
  entries: readonly AuditEntry[],
): boolean {
  return head !== null ? w.upTo < head : entries.some((e) => e.seq > w.upTo);
}

/** The entries of the window, newest first. */
export function windowEntries(entries: readonly AuditEntry[], w: AuditWindow): AuditEntry[] {
  return entries.filter((e) => e.seq > w.afterSeq && e.seq <= w.upTo).sort((a, b) => b.seq - a.seq);
}

/**
 * Where paging starts: the head of a verified chain, or around the first broken entry
 * when the chain does not verify (so the break is on screen).
 */
export function anchorOf(
  verification: { ok: true; head: { seq: number } | null } | { ok: false; firstBrokenSeq: number },
): number {
  if (verification.ok) return verification.head?.seq ?? 0;
  return verification.firstBrokenSeq + Math.floor(PAGE_SIZE / 2);
}
