import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDisplayName, unstorableText, type Database } from '../src/index.js';
import { backends, testClock, type TestDatabase } from './backends.js';
import { clinician, errorCode, group, patient, program, uniqueEmail } from './fixtures.js';

describe.each(backends)('staff, patients, programs and groups on $name', (backend) => {
  let t: TestDatabase;
  let db: Database;
  const clock = testClock();

  beforeAll(async () => {
    t = await backend.open({ now: clock.now });
    db = t.database;
  });
  afterAll(() => t.dispose());

  it('names a NUL in text as the caller’s bad request where the database cannot hold it', async () => {
    const stored = await db.patients
      .create({ legalName: 'Nul\u0000 Patient' })
      .then(() => null)
      .catch((err: unknown) => unstorableText(err));
    // PostgreSQL refuses the text; SQLite keeps it. The edge refuses it on both.
    if (backend.name === 'postgres') expect(stored?.code).toBe('BAD_REQUEST');
    else expect(stored).toBeNull();
    expect(unstorableText(new Error('other'))).toBeNull();
  });

  describe('staff', () => {
    it('creates, finds by lower-cased email, lists, updates and deactivates', async () => {
      const email = uniqueEmail('Dana.Reyes');
      const created = await db.staff.create({
        email: `  ${email.toUpperCase()} `,
        displayName: 'Dana Reyes',
        role: 'clinician',
        passwordHash: 'h1',
      });
      expect(created).toMatchObject({
        email: email.toLowerCase(),
        active: true,
        role: 'clinician',
      });
      expect(created).not.toHaveProperty('passwordHash');
      expect(created.createdAt).toBe(clock.now());

      const account = await db.staff.byEmail(email.toUpperCase());
      expect(account).toMatchObject({ id: created.id, passwordHash: 'h1' });
      expect(await db.staff.byId(created.id)).toEqual(created);
      expect(await db.staff.byEmail('nobody@haven.test')).toBeNull();

      expect(created.passwordVersion).toBe(0);
      const updated = await db.staff.update(created.id, { role: 'admin', passwordHash: 'h2' });
      expect(updated.role).toBe('admin');
      // Each new password counts; other changes do not.
      expect(updated.passwordVersion).toBe(1);
      expect((await db.staff.update(created.id, { displayName: 'Dana R.' })).passwordVersion).toBe(
        1,
      );
      expect((await db.staff.update(created.id, { passwordHash: 'h3' })).passwordVersion).toBe(2);
      expect((await db.staff.update(created.id, { passwordHash: 'h2' })).passwordVersion).toBe(3);
      expect((await db.staff.byEmail(email))?.passwordHash).toBe('h2');

      const inactive = await db.staff.setActive(created.id, false);
      expect(inactive.active).toBe(false);
      const activeIds = (await db.staff.list({ active: true })).map((s) => s.id);
      expect(activeIds).not.toContain(created.id);
      expect((await db.staff.list({ role: 'admin' })).map((s) => s.id)).toContain(created.id);
    });

    it('refuses a duplicate email with CONFLICT and unknown ids with NOT_FOUND', async () => {
      const email = uniqueEmail();
      await db.staff.create({ email, displayName: 'A', role: 'clinician', passwordHash: 'h' });
      const dup = db.staff.create({
        email: email.toUpperCase(),
        displayName: 'B',
        role: 'admin',
        passwordHash: 'h',
      });
      expect(await errorCode(dup)).toBe('CONFLICT');
      const other = await clinician(db);
      expect(await errorCode(db.staff.update(other.id, { email }))).toBe('CONFLICT');
      expect(await errorCode(db.staff.setActive('missing', false))).toBe('NOT_FOUND');
    });
  });

  describe('refresh tokens', () => {
    it('rotates, and treats reuse of a rotated token as theft: the family is revoked', async () => {
      const user = await clinician(db);
      const day = 86_400_000;
      const t1 = await db.refreshTokens.issue({
        userId: user.id,
        tokenHash: `a-${user.id}`,
        expiresAt: clock.now() + day,
      });
      const r1 = await db.refreshTokens.rotate(t1.tokenHash, {
        tokenHash: `b-${user.id}`,
        expiresAt: clock.now() + day,
      });
      if (r1.kind !== 'rotated') throw new Error(`expected rotation, got ${r1.kind}`);
      expect(r1.token.familyId).toBe(t1.familyId);
      expect(r1.previous).toMatchObject({ id: t1.id, replacedBy: r1.token.id });

      const replay = await db.refreshTokens.rotate(t1.tokenHash, {
        tokenHash: `c-${user.id}`,
        expiresAt: clock.now() + day,
      });
      expect(replay).toEqual({ kind: 'reuse-detected', userId: user.id, familyId: t1.familyId });
      expect((await db.refreshTokens.byHash(r1.token.tokenHash))?.revokedAt).not.toBeNull();
      expect(await db.refreshTokens.byHash(`c-${user.id}`)).toBeNull();
      const next = { tokenHash: `d-${user.id}`, expiresAt: clock.now() + day };
      expect((await db.refreshTokens.rotate(r1.token.tokenHash, next)).kind).toBe('revoked');
    });

    it('answers not-found, expired and revoked, and revokes a family', async () => {
      const user = await clinician(db);
      const next = { tokenHash: `n-${user.id}`, expiresAt: clock.now() + 1000 };
      expect(await db.refreshTokens.rotate('unknown', next)).toEqual({ kind: 'not-found' });

      const old = await db.refreshTokens.issue({
        userId: user.id,
        tokenHash: `e-${user.id}`,
        expiresAt: clock.now(),
      });
      expect((await db.refreshTokens.rotate(old.tokenHash, next)).kind).toBe('expired');

      const live = await db.refreshTokens.issue({
        userId: user.id,
        tokenHash: `l-${user.id}`,
        expiresAt: clock.now() + 1000,
      });
      expect(await db.refreshTokens.revoke(live.tokenHash)).toBe(true);
      expect(await db.refreshTokens.revoke(live.tokenHash)).toBe(false);
      expect((await db.refreshTokens.rotate(live.tokenHash, next)).kind).toBe('revoked');

      const a = await db.refreshTokens.issue({
        userId: user.id,
        tokenHash: `f1-${user.id}`,
        expiresAt: clock.now() + 1000,
      });
      await db.refreshTokens.issue({
        userId: user.id,
        tokenHash: `f2-${user.id}`,
        expiresAt: clock.now() + 1000,
        familyId: a.familyId,
      });
      expect(await db.refreshTokens.revokeFamily(a.familyId)).toBe(2);
      const issueForNobody = db.refreshTokens.issue({
        userId: 'missing',
        tokenHash: 'x',
        expiresAt: 1,
      });
      expect(await errorCode(issueForNobody)).toBe('NOT_FOUND');
    });

    it('lets only one of two concurrent rotations win', async () => {
      const user = await clinician(db);
      const t0 = await db.refreshTokens.issue({
        userId: user.id,
        tokenHash: `r-${user.id}`,
        expiresAt: clock.now() + 60_000,
      });
      const results = await Promise.all(
        ['x', 'y'].map((s) =>
          db.refreshTokens.rotate(t0.tokenHash, {
            tokenHash: `${s}-${user.id}`,
            expiresAt: clock.now() + 60_000,
          }),
        ),
      );
      expect(results.filter((r) => r.kind === 'rotated')).toHaveLength(1);
    });
  });

  describe('patients', () => {
    it('defaults the display name to first name and last initial', async () => {
      expect(defaultDisplayName('  maria elena  garcia ')).toBe('maria G.');
      expect(defaultDisplayName('Cher')).toBe('Cher');
      const p = await db.patients.create({
        legalName: 'Maria Gonzalez',
        contactEmail: 'maria@example.com',
        stateOfResidence: 'ny',
      });
      expect(p).toMatchObject({ displayName: 'Maria G.', stateOfResidence: 'NY', active: true });
      expect(await db.patients.byId(p.id)).toEqual(p);

      const renamed = await db.patients.update(p.id, { displayName: 'Mari', active: false });
      expect(renamed).toMatchObject({ displayName: 'Mari', active: false });
      expect((await db.patients.update(p.id, { displayName: '' })).displayName).toBe('Maria G.');
      expect((await db.patients.list({ active: false })).map((x) => x.id)).toContain(p.id);
      expect(
        await errorCode(db.patients.create({ legalName: 'X Y', stateOfResidence: 'ZZ' })),
      ).toBe('BAD_REQUEST');
      expect(await errorCode(db.patients.update('missing', { contactPhone: '1' }))).toBe(
        'NOT_FOUND',
      );
    });
  });

  describe('programs', () => {
    it('stores payer rules with booleans and a default time zone', async () => {
      const p = await program(db);
      expect(p).toMatchObject({
        weeklyHoursRequired: 9,
        billingCode: 'H0015',
        telehealthAllowed: true,
        audioOnlyAllowed: false,
        timeZone: 'America/New_York',
      });
      const u = await db.programs.update(p.id, {
        weeklyHoursRequired: 9.5,
        audioOnlyAllowed: true,
      });
      expect(u).toMatchObject({ weeklyHoursRequired: 9.5, audioOnlyAllowed: true });
      expect(await db.programs.byId(p.id)).toEqual(u);
      expect((await db.programs.list()).map((x) => x.id)).toContain(p.id);
      expect(await errorCode(db.programs.update(p.id, { timeZone: 'Nowhere/City' }))).toBe(
        'BAD_REQUEST',
      );
    });

    it('closes a program without deleting it', async () => {
      const p = await program(db);
      expect(p.active).toBe(true);
      const closed = await db.programs.update(p.id, { active: false });
      expect(closed.active).toBe(false);
      expect((await db.programs.byId(p.id))?.active).toBe(false);
      expect((await db.programs.update(p.id, { active: true })).active).toBe(true);
    });
  });

  describe('groups', () => {
    it('creates groups, lists by program and changes the schedule', async () => {
      const { group: g, program: p, lead } = await group(db, { weekdays: [5, 1, 3, 3] });
      expect(g).toMatchObject({ weekdays: [1, 3, 5], timeZone: p.timeZone, active: true });
      expect((await db.groups.list({ programId: p.id })).map((x) => x.id)).toEqual([g.id]);
      const u = await db.groups.update(g.id, { weekdays: [2], startTime: '17:30' });
      expect(u).toMatchObject({ weekdays: [2], startTime: '17:30', leadClinicianId: lead.id });
      expect(await errorCode(db.groups.update(g.id, { weekdays: [8] }))).toBe('BAD_REQUEST');
      const orphan = db.groups.create({
        programId: 'missing',
        name: 'G',
        leadClinicianId: lead.id,
        weekdays: [1],
        startTime: '18:00',
        durationMinutes: 60,
      });
      expect(await errorCode(orphan)).toBe('NOT_FOUND');
    });

    it('replaces co-facilitators all or nothing and finds groups by facilitator', async () => {
      const { group: g, lead } = await group(db);
      const a = await clinician(db, 'co-a');
      const b = await clinician(db, 'co-b');
      await db.groups.setFacilitators(g.id, [a.id, b.id]);
      expect(await db.groups.facilitatorsOf(g.id)).toEqual([a.id, b.id].sort());
      expect(await errorCode(db.groups.setFacilitators(g.id, [a.id, 'missing']))).toBe('NOT_FOUND');
      expect(await db.groups.facilitatorsOf(g.id)).toEqual([a.id, b.id].sort());
      await db.groups.setFacilitators(g.id, [b.id]);
      expect((await db.groups.groupsFacilitatedBy(b.id)).map((x) => x.id)).toEqual([g.id]);
      expect(await db.groups.groupsFacilitatedBy(a.id)).toEqual([]);
      expect((await db.groups.groupsFacilitatedBy(lead.id)).map((x) => x.id)).toEqual([g.id]);
    });

    it('enrolls once, ends enrollments and lists patients by date', async () => {
      const { group: g } = await group(db);
      const p1 = await patient(db, 'Aisha Rahman');
      const p2 = await patient(db, 'Tyler Brooks');
      await db.groups.enroll(g.id, p1.id, '2026-03-01');
      await db.groups.enroll(g.id, p2.id, '2026-03-10');
      expect(await errorCode(db.groups.enroll(g.id, p1.id, '2026-03-05'))).toBe('CONFLICT');
      expect(await errorCode(db.groups.enroll(g.id, 'missing', '2026-03-05'))).toBe('NOT_FOUND');

      const ended = await db.groups.unenroll(g.id, p1.id, '2026-03-20');
      expect(ended.endDate).toBe('2026-03-20');
      expect(await errorCode(db.groups.unenroll(g.id, p1.id, '2026-03-21'))).toBe('NOT_FOUND');

      const names = async (onDate?: string) =>
        (await db.groups.enrolledPatients(g.id, onDate)).map((e) => e.patient.legalName);
      expect(await names('2026-03-05')).toEqual(['Aisha Rahman']);
      expect(await names('2026-03-15')).toEqual(['Aisha Rahman', 'Tyler Brooks']);
      expect(await names('2026-03-21')).toEqual(['Tyler Brooks']);
      expect(await names()).toEqual(['Tyler Brooks']);

      await db.groups.enroll(g.id, p1.id, '2026-04-01');
      expect(await names()).toEqual(['Aisha Rahman', 'Tyler Brooks']);
      expect(await db.groups.enrollmentsOf(p1.id)).toHaveLength(2);
    });
  });
});
