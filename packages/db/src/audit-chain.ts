import { createHash } from 'node:crypto';

/**
 * The audit log is a hash chain. Each entry's `hash` is the SHA-256 (hex) of its
 * canonical form, and the canonical form includes the previous entry's hash, so
 * editing, deleting or reordering any stored entry breaks every link after it.
 *
 * Canonical form: the JSON array
 *   ["haven-audit-v1", seq, at, actorId, actorRole, action, targetType, targetId,
 *    requestId, details, prevHash]
 * where absent values are `null` and `details` is the stored text (canonical JSON
 * with sorted keys, or null). `seq` starts at 1 and increases by exactly 1; the first
 * entry's prevHash is GENESIS_HASH.
 *
 * A chain cannot show that entries were cut off its end: compare the head
 * (`seq`, `hash`) with a copy kept elsewhere to detect that.
 */
export const GENESIS_HASH = '0'.repeat(64);
export const CHAIN_VERSION = 'haven-audit-v1';

export interface ChainFields {
  seq: number;
  at: number;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  /** The details exactly as stored (canonical JSON text), or null. */
  details: string | null;
  prevHash: string;
}

export function canonicalEntry(e: ChainFields): string {
  return JSON.stringify([
    CHAIN_VERSION,
    e.seq,
    e.at,
    e.actorId,
    e.actorRole,
    e.action,
    e.targetType,
    e.targetId,
    e.requestId,
    e.details,
    e.prevHash,
  ]);
}

export function entryHash(e: ChainFields): string {
  return createHash('sha256').update(canonicalEntry(e), 'utf8').digest('hex');
}

/** The last verified entry, or null before the first one. */
export type ChainHead = { seq: number; hash: string } | null;

/**
 * Checks one stored entry against the entry before it. Returns why the link is broken
 * and at which seq, or null when the entry continues the chain.
 */
export function checkLink(
  head: ChainHead,
  entry: ChainFields & { hash: string },
): { seq: number; reason: string } | null {
  const expectedSeq = head ? head.seq + 1 : 1;
  if (entry.seq !== expectedSeq) {
    return entry.seq > expectedSeq
      ? { seq: expectedSeq, reason: `entry ${expectedSeq} is missing` }
      : { seq: entry.seq, reason: 'sequence out of order' };
  }
  const expectedPrev = head ? head.hash : GENESIS_HASH;
  if (entry.prevHash !== expectedPrev) {
    return { seq: entry.seq, reason: 'previous hash does not match the entry before' };
  }
  if (entryHash(entry) !== entry.hash) {
    return { seq: entry.seq, reason: 'hash does not match the entry content' };
  }
  return null;
}
