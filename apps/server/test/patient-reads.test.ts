import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startServer, type TestServer } from './helpers/server.js';
import { seedClinic, type Clinic } from './helpers/clinic.js';

/** Reads of patient records: each one audited, none unbounded. */
describe.each(BACKENDS)('patient reads (%s)', (backend) => {
  let server: TestServer;
  let clinic: Clinic;

  beforeAll(async () => {
    server = await startServer({ backend });
    clinic = await seedClinic(server);
  });
  afterAll(async () => server.close());

  const get = (url: string, token: string) =>
    server.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const auditAfter = async (seq: number) => server.app.db.audit.list({ afterSeq: seq });
  const lastSeq = async () => (await server.app.db.audit.head())?.seq ?? 0;

  it("records who read a group's enrollments, naming the group and no patient", async () => {
    const before = await lastSeq();
    const res = await get(`/api/groups/${clinic.group1}/enrollments`, clinic.tokens.lead);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Patient Number0');

    const entries = await auditAfter(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: clinic.leadId,
      actorRole: 'clinician',
      action: 'patient.list',
      targetType: 'group',
      targetId: clinic.group1,
      details: { count: clinic.patients.length },
    });
    const written = JSON.stringify(entries);
    for (const name of ['Patient Number', 'Pat 0', 'Pat 1', 'Pat 2', 'Out S']) {
      expect(written).not.toContain(name);
    }
  });

  it('shows a clinician their own patients only, and no list of everyone', async () => {
    // The lead of group 1: not group 2's patients, nor the whole clinic's list.
    expect(
      (await get(`/api/groups/${clinic.group2}/enrollments`, clinic.tokens.lead)).statusCode,
    ).toBe(403);
    expect((await get(`/api/patients/${clinic.outsider}`, clinic.tokens.lead)).statusCode).toBe(
      403,
    );
    expect((await get('/api/patients', clinic.tokens.lead)).statusCode).toBe(403);
    // Their own group's, and the patient of an individual session they lead.
    expect((await get(`/api/patients/${clinic.patients[0]}`, clinic.tokens.lead)).statusCode).toBe(
      200,
    );
    await server.app.db.sessions.create({
      kind: 'individual',
      programId: clinic.programId,
      patientId: clinic.outsider,
      leadClinicianId: clinic.leadId,
      title: 'Individual session',
      startsAt: Date.now() + 86_400_000,
      durationMinutes: 50,
    });
    expect((await get(`/api/patients/${clinic.outsider}`, clinic.tokens.lead)).statusCode).toBe(
      200,
    );
    expect((await get('/api/patients', clinic.tokens.admin)).statusCode).toBe(200);
  });

  it('lets a substitute who leads one of a group’s sessions see that group’s patients', async () => {
    const other = clinic.tokens.other;
    expect((await get(`/api/groups/${clinic.group1}/enrollments`, other)).statusCode).toBe(403);
    await server.app.db.sessions.create({
      kind: 'group',
      programId: clinic.programId,
      groupId: clinic.group1,
      leadClinicianId: clinic.otherId,
      title: 'Covered by a colleague',
      startsAt: Date.now() + 2 * 86_400_000,
      durationMinutes: 180,
    });
    expect((await get(`/api/groups/${clinic.group1}/enrollments`, other)).statusCode).toBe(200);
    expect((await get(`/api/patients/${clinic.patients[0]}`, other)).statusCode).toBe(200);
  });

  it('gives a picker names only, and records the read as such', async () => {
    const before = await lastSeq();
    const res = await get('/api/patients?fields=names', clinic.tokens.admin);
    expect(res.statusCode).toBe(200);
    const rows = res.json().data as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows)
      expect(Object.keys(row).sort()).toEqual(['active', 'displayName', 'id']);
    expect(res.body).not.toContain('Patient Number');
    const [entry] = await auditAfter(before);
    expect(entry).toMatchObject({ action: 'patient.list', details: { fields: 'names' } });
    expect((await get('/api/patients?fields=all', clinic.tokens.admin)).statusCode).toBe(400);
  });

  it('records nothing when the group does not exist', async () => {
    const before = await lastSeq();
    const res = await get('/api/groups/no-such-group/enrollments', clinic.tokens.lead);
    expect(res.statusCode).toBe(404);
    expect(await auditAfter(before)).toHaveLength(0);
  });

  const patientRange = (from: string, to: string) =>
    get(
      `/api/attendance/patients/${clinic.patients[0]}/range?from=${from}&to=${to}`,
      clinic.tokens.admin,
    );
  const programWeeks = (from: string, to: string) =>
    get(
      `/api/attendance/programs/${clinic.programId}/weeks?from=${from}&to=${to}`,
      clinic.tokens.admin,
    );

  it("reads a patient's weeks over a whole year", async () => {
    const res = await patientRange('2025-01-01', '2025-12-31');
    expect(res.statusCode).toBe(200);
    const [range] = res.json().data as { weeks: { weekStart: string }[] }[];
    expect(range?.weeks.at(0)?.weekStart).toBe('2024-12-30');
    expect(range?.weeks.at(-1)?.weekStart).toBe('2025-12-29');
    // The leap year: 366 days.
    expect((await patientRange('2024-01-01', '2024-12-31')).statusCode).toBe(200);
  });

  it('refuses a patient range longer than the program reports allow, or reversed, and records nothing', async () => {
    for (const [from, to] of [
      ['2015-01-01', '2025-12-31'],
      ['2024-01-01', '2025-06-30'],
      ['2025-12-31', '2025-01-01'],
    ] as const) {
      const before = await lastSeq();
      const res = await patientRange(from, to);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('BAD_REQUEST');
      expect(await auditAfter(before)).toHaveLength(0);
      // The program's weeks answer the same ranges the same way.
      expect((await programWeeks(from, to)).statusCode).toBe(400);
    }
  });

  it('checks the range before looking the patient up', async () => {
    const res = await get(
      '/api/attendance/patients/no-such-patient/range?from=2015-01-01&to=2025-12-31',
      clinic.tokens.admin,
    );
    expect(res.statusCode).toBe(400);
  });
});
