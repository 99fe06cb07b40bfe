import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, TestClock, type TestServer } from './helpers/server.js';
import { checkIn, endEnrollment, newYorkDate, seedClinic, type Clinic } from './helpers/clinic.js';
import { TestClient } from './helpers/client.js';

/** Invite links: per session or per group, expiring, revocable, always a clear answer. */
describe('invite links', () => {
  let server: TestServer;
  let clinic: Clinic;
  let clock: TestClock;

  beforeEach(async () => {
    clock = new TestClock();
    server = await startServer({ clock });
    clinic = await seedClinic(server);
  });
  afterEach(async () => server.close());

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const exchange = (url: string) =>
    server.app.inject({
      method: 'POST',
      url: '/api/invites/exchange',
      payload: { code: url.split('#')[1] },
    });

  it('a group link opens whichever of the group’s sessions is on now', async () => {
    const made = await server.app.inject({
      method: 'POST',
      url: `/api/groups/${clinic.group1}/invites`,
      headers: as(clinic.tokens.co),
      payload: { patientId: clinic.patients[0], expiresInHours: 24 * 30 },
    });
    expect(made.statusCode).toBe(201);
    const url = made.json().data.url as string;
    expect(url).toMatch(/\/join#[A-Za-z0-9_-]{43}$/);
    const first = await exchange(url);
    expect(first.json().data.session.id).toBe(clinic.session1);
    const client = await TestClient.connect(server.url, first.json().data.token);
    expect((await client.join(clinic.session1, { checkIn: checkIn() })).state).toBe('waiting');
    client.close();

    // Another group's clinician cannot make one; a patient of another group cannot get one.
    const foreign = await server.app.inject({
      method: 'POST',
      url: `/api/groups/${clinic.group1}/invites`,
      headers: as(clinic.tokens.other),
      payload: { patientId: clinic.patients[0] },
    });
    expect(foreign.statusCode).toBe(403);
    const outsider = await server.app.inject({
      method: 'POST',
      url: `/api/groups/${clinic.group1}/invites`,
      headers: as(clinic.tokens.lead),
      payload: { patientId: clinic.outsider },
    });
    expect(outsider.json().error.code).toBe('CONFLICT');
  });

  it('enrollment is judged on the session’s date: a discharge ends the links, a planned one does not yet', async () => {
    const nyDate = newYorkDate;
    const end = (patientId: string, endDate: string) =>
      endEnrollment(server, clinic, clinic.group1, patientId, endDate);

    // Discharged next week: still invited to today's session, and by a group link.
    expect(
      (await end(clinic.patients[1] ?? '', nyDate(clock.now() + 7 * 86_400_000))).statusCode,
    ).toBe(200);
    for (const url of [
      `/api/sessions/${clinic.session1}/invites`,
      `/api/groups/${clinic.group1}/invites`,
    ]) {
      const made = await server.app.inject({
        method: 'POST',
        url,
        headers: as(clinic.tokens.lead),
        payload: { patientId: clinic.patients[1] },
      });
      expect(made.statusCode).toBe(201);
    }

    // The group's current members, whom the clinician's invite dialog lists, include them.
    const current = await server.app.inject({
      method: 'GET',
      url: `/api/groups/${clinic.group1}/enrollments`,
      headers: as(clinic.tokens.lead),
    });
    expect(
      (current.json().data as { patient: { id: string } }[]).map((e) => e.patient.id),
    ).toContain(clinic.patients[1]);

    // Discharged yesterday: the link made before no longer opens the group's session.
    const link = await server.app.inject({
      method: 'POST',
      url: `/api/groups/${clinic.group1}/invites`,
      headers: as(clinic.tokens.lead),
      payload: { patientId: clinic.patients[0] },
    });
    expect((await exchange(link.json().data.url)).statusCode).toBe(200);
    expect((await end(clinic.patients[0] ?? '', nyDate(clock.now() - 86_400_000))).statusCode).toBe(
      200,
    );
    const refused = await exchange(link.json().data.url);
    expect(refused.statusCode).toBe(410);
    expect(refused.json().error.code).toBe('INVITE_INVALID');
  });

  it('an expired link gets a clear message, not a stack trace', async () => {
    const made = await server.app.inject({
      method: 'POST',
      url: `/api/sessions/${clinic.session1}/invites`,
      headers: as(clinic.tokens.lead),
      payload: { patientId: clinic.patients[1], expiresInHours: 1 },
    });
    // The message to the patient gives times in the program's zone.
    expect(made.json().data.timeZone).toBe('America/New_York');
    clock.advance(2 * 3_600_000);
    const late = await exchange(made.json().data.url);
    expect(late.statusCode).toBe(410);
    expect(late.json().error).toEqual({
      code: 'INVITE_INVALID',
      message: 'This invitation link is not valid any more. Please ask your clinic for a new one.',
    });
  });

  it('a link for an ended session says so', async () => {
    const made = await server.app.inject({
      method: 'POST',
      url: `/api/sessions/${clinic.session1}/invites`,
      headers: as(clinic.tokens.lead),
      payload: { patientId: clinic.patients[1] },
    });
    await server.app.db.sessions.setStatus(clinic.session1, 'ended', clock.now());
    const res = await exchange(made.json().data.url);
    expect(res.json().error.code).toBe('SESSION_ENDED');
  });
});
