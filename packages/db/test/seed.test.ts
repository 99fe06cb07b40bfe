import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_ADMIN_EMAIL,
  DEMO_CO_FACILITATOR_EMAIL,
  DEMO_LEAD_EMAIL,
  dateInZone,
  seedDemoClinic,
  type Database,
} from '../src/index.js';
import { backends, type TestDatabase } from './backends.js';

const NY = 'America/New_York';

describe.each(backends)('demo clinic seed on $name', (backend) => {
  let t: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    t = await backend.open();
    db = t.database;
  });
  afterAll(() => t.dispose());

  // Tuesday 2026-03-03 10:00 in New York: the group does not meet on Tuesdays.
  const now = Date.parse('2026-03-03T15:00:00Z');
  const hashPassword = async (pw: string) => `hashed:${pw}`;

  it('creates the clinic once and does nothing the second time', async () => {
    const result = await seedDemoClinic(db, { now, password: 'demo-pass', hashPassword });
    if (!result.created) throw new Error('expected the clinic to be created');
    expect(result.password).toBe('demo-pass');

    const admin = await db.staff.byEmail(DEMO_ADMIN_EMAIL);
    expect(admin).toMatchObject({
      id: result.adminId,
      role: 'admin',
      passwordHash: 'hashed:demo-pass',
    });
    expect((await db.staff.byEmail(DEMO_LEAD_EMAIL))?.id).toBe(result.leadClinicianId);
    expect((await db.staff.byEmail(DEMO_CO_FACILITATOR_EMAIL))?.id).toBe(result.coFacilitatorId);

    const program = await db.programs.byId(result.programId);
    expect(program).toMatchObject({
      billingCode: 'H0015',
      weeklyHoursRequired: 9,
      minBillableMinutes: 120,
    });
    const group = await db.groups.byId(result.groupId);
    expect(group).toMatchObject({
      weekdays: [1, 3, 4],
      startTime: '18:00',
      durationMinutes: 180,
      timeZone: NY,
      leadClinicianId: result.leadClinicianId,
    });
    expect(await db.groups.facilitatorsOf(result.groupId)).toEqual([result.coFacilitatorId]);
    const enrolled = await db.groups.enrolledPatients(result.groupId, '2026-03-03');
    expect(enrolled).toHaveLength(8);
    expect(enrolled.every((e) => /^\S+ [A-Z]\.$/.test(e.patient.displayName))).toBe(true);

    const today = await db.sessions.byId(result.groupSessionId);
    expect(today && dateInZone(today.startsAt, NY)).toBe('2026-03-03');
    expect(today?.startsAt).toBe(Date.parse('2026-03-03T23:00:00Z'));
    const individual = await db.sessions.byId(result.individualSessionId);
    expect(individual).toMatchObject({
      kind: 'individual',
      leadClinicianId: result.coFacilitatorId,
      patientId: result.patientIds[0],
    });
    expect(individual && dateInZone(individual.startsAt, NY)).toBe('2026-03-03');
    const upcoming = await db.sessions.list({
      from: now,
      to: now + 14 * 86_400_000,
      groupId: result.groupId,
    });
    expect(upcoming.length).toBeGreaterThanOrEqual(6);

    const counts = async () => ({
      staff: (await db.staff.list()).length,
      patients: (await db.patients.list()).length,
      sessions: (await db.sessions.list({ from: 0, to: Number.MAX_SAFE_INTEGER })).length,
    });
    const before = await counts();
    const again = await seedDemoClinic(db, { now, password: 'other', hashPassword });
    expect(again).toEqual({ created: false, adminId: result.adminId });
    expect(await counts()).toEqual(before);
  });

  it('uses the scheduled session on a day the group meets', async () => {
    const fresh = await backend.open();
    try {
      const monday = Date.parse('2026-03-09T14:00:00Z');
      const r = await seedDemoClinic(fresh.database, { now: monday, password: 'p', hashPassword });
      if (!r.created) throw new Error('expected the clinic to be created');
      const sessions = await fresh.database.sessions.list({
        from: Date.parse('2026-03-09T04:00:00Z'),
        to: Date.parse('2026-03-10T04:00:00Z'),
        groupId: r.groupId,
      });
      expect(sessions.map((s) => s.id)).toEqual([r.groupSessionId]);
      expect(sessions[0]?.startsAt).toBe(Date.parse('2026-03-09T22:00:00Z'));
    } finally {
      await fresh.dispose();
    }
  });
});
