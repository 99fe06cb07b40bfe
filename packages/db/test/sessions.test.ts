import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateInZone, type Database } from '../src/index.js';
import { backends, testClock, type TestDatabase } from './backends.js';
import { checkInAnswers, clinician, errorCode, group, groupSession, patient } from './fixtures.js';

const NY = 'America/New_York';
const utc = (iso: string) => Date.parse(iso);

describe.each(backends)('sessions, invites, removals and check-ins on $name', (backend) => {
  let t: TestDatabase;
  let db: Database;
  const clock = testClock();

  beforeAll(async () => {
    t = await backend.open({ now: clock.now });
    db = t.database;
  });
  afterAll(() => t.dispose());

  describe('sessions', () => {
    it('creates group and individual sessions and refuses malformed ones', async () => {
      const { session, group: g } = await groupSession(db, utc('2026-03-02T23:00:00Z'));
      expect(session).toMatchObject({
        kind: 'group',
        groupId: g.id,
        programId: g.programId,
        patientId: null,
        status: 'scheduled',
        openedAt: null,
      });
      expect(await db.sessions.byId(session.id)).toEqual(session);
      const again = db.sessions.create({
        kind: 'group',
        groupId: g.id,
        leadClinicianId: session.leadClinicianId,
        title: 'Same slot',
        startsAt: session.startsAt,
        durationMinutes: 60,
      });
      expect(await errorCode(again)).toBe('CONFLICT');

      const p = await patient(db);
      const individual = await db.sessions.create({
        kind: 'individual',
        programId: g.programId,
        patientId: p.id,
        leadClinicianId: session.leadClinicianId,
        title: 'Individual',
        startsAt: session.startsAt,
        durationMinutes: 50,
      });
      expect(individual).toMatchObject({ kind: 'individual', patientId: p.id, groupId: null });
      const noPatient = db.sessions.create({
        kind: 'individual',
        programId: g.programId,
        leadClinicianId: session.leadClinicianId,
        title: 'x',
        startsAt: 1,
        durationMinutes: 50,
      });
      expect(await errorCode(noPatient)).toBe('BAD_REQUEST');
      const unknownLead = db.sessions.create({
        kind: 'individual',
        programId: g.programId,
        patientId: p.id,
        leadClinicianId: 'missing',
        title: 'x',
        startsAt: 1,
        durationMinutes: 50,
      });
      expect(await errorCode(unknownLead)).toBe('NOT_FOUND');
    });

    it('lists by time range, clinician (lead or co-facilitator), group and status', async () => {
      const base = utc('2030-01-07T23:00:00Z');
      const { session: s1, group: g, lead } = await groupSession(db, base);
      const s2 = await db.sessions.create({
        kind: 'group',
        groupId: g.id,
        leadClinicianId: lead.id,
        title: 'Later',
        startsAt: base + 86_400_000,
        durationMinutes: 180,
      });
      const co = await clinician(db, 'co');
      await db.groups.setFacilitators(g.id, [co.id]);
      const range = { from: base, to: base + 2 * 86_400_000 };
      const ids = async (f: object) =>
        (await db.sessions.list({ ...range, ...f })).map((s) => s.id);
      expect(await ids({ groupId: g.id })).toEqual([s1.id, s2.id]);
      expect(await ids({ clinicianId: co.id })).toEqual([s1.id, s2.id]);
      expect(await ids({ clinicianId: lead.id, to: base + 1 })).toEqual([s1.id]);
      await db.sessions.setStatus(s2.id, 'open', base);
      expect(await ids({ groupId: g.id, status: 'open' })).toEqual([s2.id]);
      expect(await ids({ groupId: g.id, status: ['scheduled', 'open'] })).toEqual([s1.id, s2.id]);
    });

    it('stamps opening and ending, and keeps ended final', async () => {
      const { session } = await groupSession(db, utc('2030-02-04T23:00:00Z'));
      const at = session.startsAt - 600_000;
      const open = await db.sessions.setStatus(session.id, 'open', at);
      expect(open).toMatchObject({ status: 'open', openedAt: at });
      const live = await db.sessions.setStatus(session.id, 'live', at + 1000);
      expect(live).toMatchObject({ status: 'live', openedAt: at });
      const ended = await db.sessions.setStatus(
        session.id,
        'ended',
        at + 5000,
        'ended_by_clinician',
      );
      expect(ended).toMatchObject({
        status: 'ended',
        endedAt: at + 5000,
        endReason: 'ended_by_clinician',
      });
      expect(await db.sessions.setStatus(session.id, 'ended', at + 9000)).toEqual(ended);
      expect(await errorCode(db.sessions.setStatus(session.id, 'live', at + 9000))).toBe(
        'INVALID_STATE',
      );
      expect(await errorCode(db.sessions.setStatus('missing', 'open', at))).toBe('NOT_FOUND');
    });
  });

  describe('generateFromSchedule', () => {
    it('keeps the local start time across both DST changes and is idempotent', async () => {
      const { group: g } = await group(db, {
        weekdays: [1, 3, 4],
        startTime: '18:00',
        timeZone: NY,
      });
      const spring = await db.sessions.generateFromSchedule(g.id, '2026-03-01', '2026-03-14');
      expect(spring.map((s) => new Date(s.startsAt).toISOString())).toEqual([
        '2026-03-02T23:00:00.000Z', // Mon, EST
        '2026-03-04T23:00:00.000Z',
        '2026-03-05T23:00:00.000Z',
        '2026-03-09T22:00:00.000Z', // Mon after the change, EDT
        '2026-03-11T22:00:00.000Z',
        '2026-03-12T22:00:00.000Z',
      ]);
      expect(spring[0]).toMatchObject({ kind: 'group', title: g.name, durationMinutes: 180 });

      const autumn = await db.sessions.generateFromSchedule(g.id, '2026-10-26', '2026-11-08');
      expect(autumn.map((s) => new Date(s.startsAt).toISOString())).toEqual([
        '2026-10-26T22:00:00.000Z',
        '2026-10-28T22:00:00.000Z',
        '2026-10-29T22:00:00.000Z',
        '2026-11-02T23:00:00.000Z',
        '2026-11-04T23:00:00.000Z',
        '2026-11-05T23:00:00.000Z',
      ]);
      for (const s of [...spring, ...autumn]) {
        const local = new Intl.DateTimeFormat('en-GB', {
          timeZone: NY,
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(s.startsAt);
        expect(local).toBe('18:00');
      }

      expect(await db.sessions.generateFromSchedule(g.id, '2026-03-01', '2026-03-14')).toEqual([]);
      const overlapping = await db.sessions.generateFromSchedule(g.id, '2026-03-10', '2026-03-17');
      expect(overlapping.map((s) => dateInZone(s.startsAt, NY))).toEqual(['2026-03-16']);
      const all = await db.sessions.list({
        from: 0,
        to: utc('2027-01-01T00:00:00Z'),
        groupId: g.id,
      });
      expect(all).toHaveLength(13);
    });

    it('refuses bad ranges and unknown groups', async () => {
      const { group: g } = await group(db);
      expect(
        await errorCode(db.sessions.generateFromSchedule(g.id, '2026-03-10', '2026-03-01')),
      ).toBe('BAD_REQUEST');
      expect(
        await errorCode(db.sessions.generateFromSchedule(g.id, '2026-01-01', '2027-06-01')),
      ).toBe('BAD_REQUEST');
      expect(
        await errorCode(db.sessions.generateFromSchedule('missing', '2026-03-01', '2026-03-02')),
      ).toBe('NOT_FOUND');
      await db.groups.update(g.id, { active: false });
      expect(await db.sessions.generateFromSchedule(g.id, '2026-03-01', '2026-03-31')).toEqual([]);
    });
  });

  describe('invites, removals and check-ins', () => {
    it('finds invites by hash, revokes them and picks the newest covering one', async () => {
      const { session, group: g, lead } = await groupSession(db, utc('2030-03-04T23:00:00Z'));
      const p = await patient(db);
      const expiresAt = clock.now() + 86_400_000;
      const forGroup = await db.invites.create({
        tokenHash: `g-${p.id}`,
        patientId: p.id,
        groupId: g.id,
        createdBy: lead.id,
        expiresAt,
      });
      expect(await db.invites.byTokenHash(`g-${p.id}`)).toEqual(forGroup);
      const both = db.invites.create({
        tokenHash: 'both',
        patientId: p.id,
        groupId: g.id,
        sessionId: session.id,
        createdBy: lead.id,
        expiresAt,
      });
      expect(await errorCode(both)).toBe('BAD_REQUEST');
      const dupHash = db.invites.create({
        tokenHash: `g-${p.id}`,
        patientId: p.id,
        sessionId: session.id,
        createdBy: lead.id,
        expiresAt,
      });
      expect(await errorCode(dupHash)).toBe('CONFLICT');

      const query = { patientId: p.id, sessionId: session.id, groupId: g.id, now: clock.now() };
      expect((await db.invites.latestCovering(query))?.id).toBe(forGroup.id);

      const removal = await db.removals.add({
        sessionId: session.id,
        patientId: p.id,
        removedBy: lead.id,
        reason: 'disruptive',
        at: clock.now(),
      });
      expect(await db.removals.latestFor(session.id, p.id)).toEqual(removal);
      expect(await db.removals.latestFor(session.id, lead.id)).toBeNull();

      clock.advance(1000);
      const fresh = await db.invites.create({
        tokenHash: `s-${p.id}`,
        patientId: p.id,
        sessionId: session.id,
        createdBy: lead.id,
        expiresAt,
      });
      const covering = await db.invites.latestCovering({ ...query, now: clock.now() });
      expect(covering?.id).toBe(fresh.id);
      expect(covering!.createdAt).toBeGreaterThan(removal.at);

      expect(await db.invites.revoke(fresh.id)).toBe(true);
      expect(await db.invites.revoke(fresh.id)).toBe(false);
      expect((await db.invites.latestCovering({ ...query, now: clock.now() }))?.id).toBe(
        forGroup.id,
      );
      expect(await db.invites.latestCovering({ ...query, now: expiresAt })).toBeNull();
      expect((await db.invites.listForPatient(p.id)).map((i) => i.id)).toEqual([
        fresh.id,
        forGroup.id,
      ]);
    });

    it('stores check-in answers typed and returns the latest', async () => {
      const { session } = await groupSession(db, utc('2030-04-01T22:00:00Z'));
      const p = await patient(db);
      await db.checkIns.add({
        sessionId: session.id,
        patientId: p.id,
        answers: checkInAnswers,
        at: 1,
      });
      const later = await db.checkIns.add({
        sessionId: session.id,
        patientId: p.id,
        answers: { ...checkInAnswers, atHome: false, location: 'Office' },
        at: 2,
      });
      expect(await db.checkIns.latestFor(session.id, p.id)).toEqual(later);
      expect(later.answers.atHome).toBe(false);
      const bad = db.checkIns.add({
        sessionId: session.id,
        patientId: p.id,
        answers: { ...checkInAnswers, state: 'XX' as 'NY' },
        at: 3,
      });
      expect(await errorCode(bad)).toBe('BAD_REQUEST');
      const unknown = db.checkIns.add({
        sessionId: 'missing',
        patientId: p.id,
        answers: checkInAnswers,
        at: 3,
      });
      expect(await errorCode(unknown)).toBe('NOT_FOUND');
    });
  });
});
