import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryHash, GENESIS_HASH, type Database } from '../src/index.js';
import { backends, type TestDatabase } from './backends.js';
import { errorCode } from './fixtures.js';

describe.each(backends)('audit log on $name', (backend) => {
  let t: TestDatabase;
  let db: Database;

  beforeEach(async () => {
    t = await backend.open();
    db = t.database;
  });
  afterEach(() => t.dispose());

  const appendFive = async () => {
    for (let i = 1; i <= 5; i++) {
      await db.audit.append({
        at: 1000 * i,
        actorId: i % 2 ? 'admin-1' : 'clin-1',
        actorRole: i % 2 ? 'admin' : 'clinician',
        action: i === 5 ? 'attendance.export' : 'session.view',
        targetType: 'session',
        targetId: `s${i}`,
        requestId: `req-${i}`,
        details: { n: i, scope: { week: '2026-W10' } },
      });
    }
  };

  const rawRow = (seq: number) =>
    db.db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();

  it('appends a chain that verifies, and lists with filters', async () => {
    expect(await db.audit.verify()).toEqual({ ok: true, count: 0, head: null });
    await appendFive();
    const all = await db.audit.list();
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(all[0]?.prevHash).toBe(GENESIS_HASH);
    expect(all.every((e, i) => i === 0 || e.prevHash === all[i - 1]?.hash)).toBe(true);
    expect(all[2]?.details).toEqual({ n: 3, scope: { week: '2026-W10' } });
    expect(await db.audit.verify()).toEqual({
      ok: true,
      count: 5,
      head: { seq: 5, hash: all[4]?.hash },
    });
    expect(await db.audit.head()).toEqual({ seq: 5, hash: all[4]?.hash });

    const seqs = async (f: Parameters<Database['audit']['list']>[0]) =>
      (await db.audit.list(f)).map((e) => e.seq);
    expect(await seqs({ actorId: 'clin-1' })).toEqual([2, 4]);
    expect(await seqs({ action: 'attendance.export' })).toEqual([5]);
    expect(await seqs({ from: 2000, to: 4000 })).toEqual([2, 3]);
    expect(await seqs({ afterSeq: 3 })).toEqual([4, 5]);
    expect(await seqs({ afterSeq: 1, limit: 2 })).toEqual([2, 3]);
    expect(await seqs({ order: 'desc', limit: 2 })).toEqual([5, 4]);
    expect(await seqs({ order: 'desc', beforeSeq: 4, limit: 2 })).toEqual([3, 2]);
    expect(await seqs({ targetType: 'session', targetId: 's4' })).toEqual([4]);
    expect(await errorCode(db.audit.append({ action: ' ' }))).toBe('BAD_REQUEST');
  });

  it('detects an edited row', async () => {
    await appendFive();
    await db.db
      .updateTable('audit_log')
      .set({ details: '{"n":30}' })
      .where('seq', '=', 3)
      .execute();
    expect(await db.audit.verify()).toMatchObject({ ok: false, firstBrokenSeq: 3 });
  });

  it('detects an edited row whose own hash was recomputed', async () => {
    await appendFive();
    const row = await rawRow(3);
    const forged = {
      seq: row.seq,
      at: row.at,
      actorId: 'someone-else',
      actorRole: row.actor_role,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      requestId: row.request_id,
      details: row.details,
      prevHash: row.prev_hash,
    };
    await db.db
      .updateTable('audit_log')
      .set({ actor_id: forged.actorId, hash: entryHash(forged) })
      .where('seq', '=', 3)
      .execute();
    expect(await db.audit.verify()).toMatchObject({ ok: false, firstBrokenSeq: 4 });
  });

  it('detects a deleted middle row', async () => {
    await appendFive();
    await db.db.deleteFrom('audit_log').where('seq', '=', 3).execute();
    expect(await db.audit.verify()).toEqual({
      ok: false,
      firstBrokenSeq: 3,
      reason: 'entry 3 is missing',
    });
  });

  it("detects two rows' contents swapped", async () => {
    await appendFive();
    const [r2, r4] = [await rawRow(2), await rawRow(4)];
    const content = ({ seq: _seq, ...rest }: typeof r2) => rest;
    await db.db.updateTable('audit_log').set(content(r4)).where('seq', '=', 2).execute();
    await db.db.updateTable('audit_log').set(content(r2)).where('seq', '=', 4).execute();
    expect(await db.audit.verify()).toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });

  it('detects two rows reordered by their seq', async () => {
    await appendFive();
    await db.db.updateTable('audit_log').set({ seq: -2 }).where('seq', '=', 2).execute();
    await db.db.updateTable('audit_log').set({ seq: 2 }).where('seq', '=', 4).execute();
    await db.db.updateTable('audit_log').set({ seq: 4 }).where('seq', '=', -2).execute();
    expect(await db.audit.verify()).toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });

  it('keeps one valid chain under 20 concurrent appends', async () => {
    const entries = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.audit.append({ action: 'session.view', targetId: `s${i}`, details: { i } }),
      ),
    );
    expect(entries.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(new Set(entries.map((e) => e.prevHash)).size).toBe(20);
    expect(await db.audit.verify()).toMatchObject({ ok: true, count: 20 });
  });

  it('leaves no gap when an append is rolled back', async () => {
    await db.audit.append({ action: 'a' });
    const failed = db.transaction(async (tx) => {
      await tx.audit.append({ action: 'b' });
      throw new Error('abort');
    });
    await expect(failed).rejects.toThrow('abort');
    const c = await db.audit.append({ action: 'c' });
    expect(c.seq).toBe(2);
    expect(await db.audit.verify()).toMatchObject({ ok: true, count: 2 });
  });
});
