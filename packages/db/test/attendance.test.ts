import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/index.js';
import { backends, testClock, type TestDatabase } from './backends.js';
import { checkInAnswers, errorCode, groupSession, patient, uniqueEmail } from './fixtures.js';

describe.each(backends)('attendance ledger and transactions on $name', (backend) => {
  let t: TestDatabase;
  let db: Database;
  const clock = testClock();

  beforeAll(async () => {
    t = await backend.open({ now: clock.now });
    db = t.database;
  });
  afterAll(() => t.dispose());

  const stayFor = async (sessionId: string, subjectId: string, at: number) =>
    db.attendance.openStay({
      sessionId,
      subjectId,
      subjectKind: 'patient',
      role: 'patient',
      displayName: 'Maria G.',
      at,
    });

  it('keeps one stay per person per session, also under concurrent joins', async () => {
    const { session } = await groupSession(db, Date.UTC(2031, 0, 6, 23));
    const p = await patient(db);
    const first = await stayFor(session.id, p.id, 1000);
    expect(first.created).toBe(true);
    const again = await stayFor(session.id, p.id, 5000);
    expect(again).toEqual({ stay: first.stay, created: false });

    const p2 = await patient(db);
    const racing = await Promise.all(
      Array.from({ length: 10 }, () => stayFor(session.id, p2.id, 7)),
    );
    expect(new Set(racing.map((r) => r.stay.id)).size).toBe(1);
    expect(racing.filter((r) => r.created)).toHaveLength(1);
    expect(await db.attendance.staysForSession(session.id)).toHaveLength(2);
    expect(await errorCode(stayFor('missing', p.id, 1))).toBe('NOT_FOUND');
  });

  it('appends events, widens the stay, and never changes what was recorded', async () => {
    const { session } = await groupSession(db, Date.UTC(2031, 0, 7, 23));
    const p = await patient(db);
    const { stay } = await stayFor(session.id, p.id, 1000);
    const checkIn = await db.checkIns.add({
      sessionId: session.id,
      patientId: p.id,
      answers: checkInAnswers,
      at: 1000,
    });
    const e1 = await db.attendance.appendEvent(stay.id, {
      type: 'waiting',
      at: 1000,
      checkInId: checkIn.id,
      nodeId: 'node-a',
    });
    const recorded = await db.attendance.eventsForSession(session.id);
    await db.attendance.appendEvent(stay.id, { type: 'admitted', at: 2000, data: { by: 'u1' } });
    await db.attendance.appendEvent(stay.id, { type: 'left', at: 9000, data: { reason: 'left' } });
    await db.attendance.appendEvent(stay.id, { type: 'late-report', at: 500 });

    const events = await db.attendance.eventsForSession(session.id);
    expect(events.map((e) => e.type)).toEqual(['waiting', 'admitted', 'left', 'late-report']);
    expect(events[0]).toEqual(recorded[0]);
    expect(e1).toMatchObject({ checkInId: checkIn.id, nodeId: 'node-a', data: null });
    expect(events[1]?.data).toEqual({ by: 'u1' });
    expect(events.every((e, i) => i === 0 || e.seq > events[i - 1]!.seq)).toBe(true);
    expect(await db.attendance.stayById(stay.id)).toMatchObject({
      firstEventAt: 500,
      lastEventAt: 9000,
    });
    expect(await db.attendance.eventsForStays([stay.id, stay.id])).toEqual(events);
    // Reports read the same ledger without the recovery columns.
    expect(await db.attendance.ledgersOfStays([stay.id])).toEqual(
      events.map(({ sessionId: _s, nodeId: _n, ...entry }) => entry),
    );

    const mutators = Object.getOwnPropertyNames(Object.getPrototypeOf(db.attendance)).filter((n) =>
      /update|delete|edit|remove|set/i.test(n),
    );
    expect(mutators).toEqual([]);
    expect(await errorCode(db.attendance.appendEvent('missing', { type: 'x', at: 1 }))).toBe(
      'NOT_FOUND',
    );
  });

  it('reads the ledgers of whole sessions as it reads those of their stays', async () => {
    const { session } = await groupSession(db, Date.UTC(2031, 0, 9, 23));
    const { session: other } = await groupSession(db, Date.UTC(2031, 0, 10, 23));
    const [p1, p2] = [await patient(db), await patient(db)];
    const { stay: s1 } = await stayFor(session.id, p1.id, 100);
    const { stay: s2 } = await stayFor(session.id, p2.id, 150);
    const { stay: elsewhere } = await stayFor(other.id, p1.id, 100);
    // Interleaved, so order by seq differs from order by stay.
    await db.attendance.appendEvent(s2.id, { type: 'arrived', at: 150, data: { n: 1 } });
    await db.attendance.appendEvent(s1.id, { type: 'arrived', at: 100 });
    await db.attendance.appendEvent(elsewhere.id, { type: 'arrived', at: 100 });
    await db.attendance.appendEvent(s2.id, { type: 'admitted', at: 200 });
    await db.attendance.appendEvent(s1.id, { type: 'admitted', at: 210 });

    const bySession = await db.attendance.ledgersOfSessions([session.id]);
    expect(bySession.map((e) => [e.stayId, e.type])).toEqual([
      [s2.id, 'arrived'],
      [s1.id, 'arrived'],
      [s2.id, 'admitted'],
      [s1.id, 'admitted'],
    ]);
    expect(bySession).toEqual(await db.attendance.ledgersOfStays([s1.id, s2.id]));
    expect(bySession[0]?.data).toEqual({ n: 1 });
    expect(await db.attendance.ledgersOfSessions([session.id, other.id])).toHaveLength(5);
    expect(await db.attendance.ledgersOfSessions([])).toEqual([]);
  });

  it('rolls a failed append back whole', async () => {
    const { session } = await groupSession(db, Date.UTC(2031, 0, 8, 23));
    const p = await patient(db);
    const { stay } = await stayFor(session.id, p.id, 1000);
    const bad = db.attendance.appendEvent(stay.id, {
      type: 'waiting',
      at: 99_999,
      checkInId: 'missing',
    });
    expect(await errorCode(bad)).toBe('NOT_FOUND');
    expect(await db.attendance.eventsForSession(session.id)).toEqual([]);
    expect((await db.attendance.stayById(stay.id))?.lastEventAt).toBe(1000);
  });

  it('closes and reopens stays, lists open ones and stays in a range', async () => {
    const start = Date.UTC(2031, 1, 3, 23);
    const { session, group: g } = await groupSession(db, start);
    const p = await patient(db);
    const { stay } = await stayFor(session.id, p.id, start);
    const staffStay = await db.attendance.openStay({
      sessionId: session.id,
      subjectId: session.leadClinicianId,
      subjectKind: 'staff',
      role: 'clinician',
      displayName: 'Dana',
      at: start,
    });
    const openIds = async () => (await db.attendance.openStays()).map((s) => s.id);
    expect(await openIds()).toEqual(expect.arrayContaining([stay.id, staffStay.stay.id]));
    expect(await db.attendance.closeStay(stay.id)).toBe(true);
    expect(await db.attendance.closeStay(stay.id)).toBe(false);
    expect(await openIds()).not.toContain(stay.id);
    const rejoined = await stayFor(session.id, p.id, start + 60_000);
    expect(rejoined).toMatchObject({ created: false, stay: { id: stay.id, closed: false } });

    const inRange = await db.attendance.staysInRange({ from: start, to: start + 1, groupId: g.id });
    expect(inRange.map((s) => s.id).sort()).toEqual([stay.id, staffStay.stay.id].sort());
    expect(inRange[0]?.session).toMatchObject({
      id: session.id,
      programId: g.programId,
      status: 'scheduled',
    });
    const forPatient = await db.attendance.staysInRange({
      from: 0,
      to: start + 1,
      patientId: p.id,
    });
    expect(forPatient.map((s) => s.id)).toEqual([stay.id]);
    const kinds = [
      ['patient', [stay.id]],
      ['staff', [staffStay.stay.id]],
    ] as const;
    for (const [subjectKind, ids] of kinds) {
      const only = await db.attendance.staysInRange({
        from: start,
        to: start + 1,
        groupId: g.id,
        subjectKind,
      });
      expect(only.map((s) => s.id)).toEqual(ids);
    }
    const byProgram = await db.attendance.staysInRange({
      from: 0,
      to: start,
      programId: g.programId,
    });
    expect(byProgram).toEqual([]);
    const programWeek = await db.attendance.staysInRange({
      from: start,
      to: start + 1,
      programId: g.programId,
      subjectKind: 'patient',
    });
    expect(programWeek.map((s) => [s.id, s.session.id])).toEqual([[stay.id, session.id]]);

    // The same stays from the program's sessions, as a program's reports read them.
    const sessions = await db.sessions.list({ from: start, to: start + 1, programId: g.programId });
    expect(sessions.map((s) => s.id)).toEqual([session.id]);
    expect(await db.sessions.list({ from: start, to: start + 1, programId: 'other' })).toEqual([]);
    const ofSessions = await db.attendance.staysOfSessions([session.id]);
    expect(ofSessions.map((s) => s.id).sort()).toEqual([stay.id, staffStay.stay.id].sort());
    expect(ofSessions.find((s) => s.id === stay.id)).toEqual(
      (({ session: _s, ...plain }) => plain)(inRange.find((s) => s.id === stay.id)!),
    );
    for (const [subjectKind, ids] of kinds) {
      const only = await db.attendance.staysOfSessions([session.id, 'none'], subjectKind);
      expect(only.map((s) => s.id)).toEqual(ids);
    }
    expect(await db.attendance.staysOfSessions([])).toEqual([]);
  });

  it('records node heartbeats', async () => {
    expect(await db.attendance.lastHeartbeat('node-x')).toBeNull();
    await db.attendance.heartbeat('node-x', 1000);
    await db.attendance.heartbeat('node-x', 2000);
    expect(await db.attendance.lastHeartbeat('node-x')).toBe(2000);
    expect(await db.attendance.heartbeats()).toContainEqual({ nodeId: 'node-x', at: 2000 });
  });

  it('keeps sign-offs and corrections beside the original record', async () => {
    const { session, lead } = await groupSession(db, Date.UTC(2031, 2, 2, 23));
    const p = await patient(db);
    const { stay } = await stayFor(session.id, p.id, 1000);
    await db.attendance.appendEvent(stay.id, { type: 'left', at: 4000 });
    const before = await db.attendance.eventsForSession(session.id);

    const s1 = await db.signoffs.add({ sessionId: session.id, signedBy: lead.id, signedAt: 5000 });
    const s2 = await db.signoffs.add({
      sessionId: session.id,
      signedBy: lead.id,
      signedAt: 6000,
      note: 'after correction',
    });
    expect(s1.note).toBeNull();
    expect(await db.signoffs.listForSession(session.id)).toEqual([s1, s2]);
    expect(await db.signoffs.latestFor(session.id)).toEqual(s2);

    const c = await db.corrections.add({
      stayId: stay.id,
      authorId: lead.id,
      reason: 'Patient stayed; the connection dropped',
      field: 'leftAt',
      value: { at: 9000 },
    });
    expect(c).toMatchObject({ sessionId: session.id, value: { at: 9000 }, createdAt: clock.now() });
    expect(await db.corrections.listForSession(session.id)).toEqual([c]);
    expect(await db.corrections.listForStay(stay.id)).toEqual([c]);
    const noReason = db.corrections.add({
      stayId: stay.id,
      authorId: lead.id,
      reason: '   ',
      field: 'leftAt',
      value: 1,
    });
    expect(await errorCode(noReason)).toBe('BAD_REQUEST');
    const unknownStay = db.corrections.add({
      stayId: 'missing',
      authorId: lead.id,
      reason: 'r',
      field: 'f',
      value: 1,
    });
    expect(await errorCode(unknownStay)).toBe('NOT_FOUND');
    expect(await db.attendance.eventsForSession(session.id)).toEqual(before);
  });

  describe('transactions', () => {
    it('commits everything written through the transaction repositories', async () => {
      const email = uniqueEmail('tx');
      const result = await db.transaction(async (tx) => {
        const staff = await tx.staff.create({
          email,
          displayName: 'T',
          role: 'admin',
          passwordHash: 'h',
        });
        await tx.audit.append({ action: 'staff.create', actorId: staff.id, targetId: staff.id });
        return staff.id;
      });
      expect((await db.staff.byEmail(email))?.id).toBe(result);
    });

    it('leaves nothing behind when any statement fails', async () => {
      const email = uniqueEmail('dup');
      await db.staff.create({ email, displayName: 'A', role: 'admin', passwordHash: 'h' });
      const { session } = await groupSession(db, Date.UTC(2031, 3, 7, 22));
      const before = (await db.patients.list()).length;
      const auditBefore = await db.audit.head();
      const failing = db.transaction(async (tx) => {
        const p = await tx.patients.create({ legalName: 'Rolled Back' });
        const { stay } = await tx.attendance.openStay({
          sessionId: session.id,
          subjectId: p.id,
          subjectKind: 'patient',
          role: 'patient',
          displayName: p.displayName,
          at: 1,
        });
        await tx.attendance.appendEvent(stay.id, { type: 'waiting', at: 1 });
        await tx.audit.append({ action: 'patient.create', targetId: p.id });
        await tx.staff.create({ email, displayName: 'B', role: 'admin', passwordHash: 'h' });
      });
      expect(await errorCode(failing)).toBe('CONFLICT');
      expect(await db.patients.list()).toHaveLength(before);
      expect(await db.attendance.staysForSession(session.id)).toEqual([]);
      expect(await db.attendance.eventsForSession(session.id)).toEqual([]);
      expect(await db.audit.head()).toEqual(auditBefore);
      expect((await db.audit.verify()).ok).toBe(true);
    });
  });
});
