import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/index.js';
import { backends, testClock, type TestDatabase } from './backends.js';
import { checkInAnswers, clinician, groupSession, patient } from './fixtures.js';

/** Reads by many session ids at once, which the attendance reports use instead of one query per session. */
describe.each(backends)('reads by many sessions on $name', (backend) => {
  let t: TestDatabase;
  let db: Database;
  const clock = testClock();

  beforeAll(async () => {
    t = await backend.open({ now: clock.now });
    db = t.database;
  });
  afterAll(() => t.dispose());

  it('answers the same as one read per session, across id lists longer than one query takes', async () => {
    const a = await groupSession(db, Date.UTC(2031, 1, 3, 23));
    const b = await groupSession(db, Date.UTC(2031, 1, 4, 23));
    const other = await groupSession(db, Date.UTC(2031, 1, 5, 23));
    const author = await clinician(db, 'author');
    for (const [session, at] of [
      [a.session, 30],
      [a.session, 10],
      [b.session, 20],
      [other.session, 5],
    ] as const) {
      const p = await patient(db);
      await db.checkIns.add({
        sessionId: session.id,
        patientId: p.id,
        answers: checkInAnswers,
        at,
      });
      const { stay } = await db.attendance.openStay({
        sessionId: session.id,
        subjectId: p.id,
        subjectKind: 'patient',
        role: 'patient',
        displayName: 'P.',
        at,
      });
      clock.advance(1000);
      await db.corrections.add({
        stayId: stay.id,
        authorId: author.id,
        reason: 'late join',
        field: 'minutesPresent',
        value: at,
      });
    }
    // 1,200 ids: unknown ones and a repeat, so the reads span three queries.
    const ids = [
      a.session.id,
      b.session.id,
      a.session.id,
      ...Array.from({ length: 1197 }, () => randomUUID()),
    ];

    const checkIns = await db.checkIns.listForSessions(ids);
    const oneByOne = [
      ...(await db.checkIns.listForSession(a.session.id)),
      ...(await db.checkIns.listForSession(b.session.id)),
    ];
    expect(checkIns.map((c) => c.at)).toEqual([10, 20, 30]);
    expect(new Set(checkIns)).toEqual(new Set(oneByOne));

    const corrections = await db.corrections.listForSessions(ids);
    // Oldest first: the order they were made in.
    expect(corrections.map((c) => c.value)).toEqual([30, 10, 20]);
    expect(corrections.every((c) => c.sessionId !== other.session.id)).toBe(true);

    expect(await db.checkIns.listForSessions([])).toEqual([]);
    expect(await db.corrections.listForSessions([])).toEqual([]);
  });

  it('lists every enrollment of several groups, ended ones included, in one read', async () => {
    const a = await groupSession(db, Date.UTC(2032, 1, 3, 23));
    const b = await groupSession(db, Date.UTC(2032, 1, 4, 23));
    const groupA = a.session.groupId ?? '';
    const groupB = b.session.groupId ?? '';
    const p1 = await patient(db, 'Ana Enrolled');
    const p2 = await patient(db, 'Ben Ended');
    await db.groups.enroll(groupA, p1.id, '2032-01-01');
    await db.groups.enroll(groupB, p2.id, '2031-06-01');
    await db.groups.unenroll(groupB, p2.id, '2031-12-31');
    const rows = await db.groups.enrollmentsOfGroups([groupA, groupB]);
    const mine = rows.filter((r) => r.patient.id === p1.id || r.patient.id === p2.id);
    expect(mine.map((r) => [r.groupId, r.patient.legalName, r.startDate, r.endDate])).toEqual([
      [groupA, 'Ana Enrolled', '2032-01-01', null],
      [groupB, 'Ben Ended', '2031-06-01', '2031-12-31'],
    ]);
    expect(await db.groups.enrollmentsOfGroups([])).toEqual([]);
  });
});
