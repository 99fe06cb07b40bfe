import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../common/types';
import { anchorOf, auditWindow, hasNewer, hasOlder, PAGE_SIZE, windowEntries } from './paging';

const entry = (seq: number): AuditEntry => ({
  seq,
  at: seq,
  actorId: null,
  actorRole: null,
  action: 'audit.view',
  targetType: null,
  targetId: null,
  requestId: null,
  details: null,
  prevHash: '',
  hash: '',
});

describe('audit paging, newest first', () => {
  it('counts windows back from the head', () => {
    expect(auditWindow(120, 0, false)).toEqual({ afterSeq: 70, upTo: 120, limit: PAGE_SIZE + 1 });
    expect(auditWindow(120, 1, false)).toEqual({ afterSeq: 20, upTo: 70, limit: PAGE_SIZE + 1 });
    expect(auditWindow(120, 2, false)).toEqual({ afterSeq: 0, upTo: 20, limit: PAGE_SIZE + 1 });
    expect(auditWindow(0, 0, false)).toEqual({ afterSeq: 0, upTo: 0, limit: PAGE_SIZE + 1 });
  });

  it('searches a wide window when filtered, within what the server answers at once', () => {
    const w = auditWindow(5000, 0, true);
    expect(w.upTo - w.afterSeq).toBe(999);
    expect(w.limit).toBeLessThanOrEqual(1000);
  });

  it('knows when there are older and newer pages', () => {
    const newest = auditWindow(120, 0, false);
    expect(hasOlder(newest)).toBe(true);
    expect(hasNewer(newest, 120, [])).toBe(false);
    const oldest = auditWindow(120, 2, false);
    expect(hasOlder(oldest)).toBe(false);
    expect(hasNewer(oldest, 120, [])).toBe(true);
    // Without a known head, an entry past the window shows there are newer ones.
    const around = auditWindow(60, 0, false);
    expect(hasNewer(around, null, [entry(55), entry(60)])).toBe(false);
    expect(hasNewer(around, null, [entry(60), entry(61)])).toBe(true);
  });

  it('shows the window’s entries newest first, and not the one past it', () => {
    const w = auditWindow(60, 0, false);
    const shown = windowEntries([entry(11), entry(12), entry(60), entry(61)], w);
    expect(shown.map((e) => e.seq)).toEqual([60, 12, 11]);
  });

  it('anchors on the head, or around the first broken entry', () => {
    expect(anchorOf({ ok: true, head: { seq: 321 } })).toBe(321);
    expect(anchorOf({ ok: true, head: null })).toBe(0);
    const broken = anchorOf({ ok: false, firstBrokenSeq: 100 });
    const w = auditWindow(broken, 0, false);
    expect(w.afterSeq).toBeLessThan(100);
    expect(w.upTo).toBeGreaterThanOrEqual(100);
  });
});
