import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jwt from 'jsonwebtoken';
import { BACKENDS, cookieOf, startServer, type TestServer } from './helpers/server.js';
import { PASSWORD, endEnrollment, newYorkDate, seedClinic, type Clinic } from './helpers/clinic.js';
import { refuseWrites } from './helpers/refuse-writes.js';

describe.each(BACKENDS)('HTTP API (%s)', (backend) => {
  let server: TestServer;
  let clinic: Clinic;

  beforeAll(async () => {
    server = await startServer({ backend });
    clinic = await seedClinic(server);
  });
  afterAll(async () => server.close());

  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  it('signs staff in, rotates the refresh token, detects reuse and signs out', async () => {
    const bad = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'lead@clinic.test', password: 'wrong' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('INVALID_CREDENTIALS');

    const login = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'LEAD@clinic.test', password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const { token, user } = login.json().data;
    expect(user.role).toBe('clinician');
    const setCookie = login.headers['set-cookie'];
    expect(String(setCookie)).toMatch(/HttpOnly/i);
    expect(String(setCookie)).toMatch(/SameSite=Strict/i);
    const me = await server.app.inject({ method: 'GET', url: '/api/me', headers: as(token) });
    expect(me.json().data.user.email).toBe('lead@clinic.test');

    const first = cookieOf(setCookie);
    const refreshed = await server.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      headers: { cookie: first },
    });
    expect(refreshed.statusCode).toBe(200);
    const second = cookieOf(refreshed.headers['set-cookie']);
    expect(second).not.toBe(first);
    // Presenting the rotated token again is a replay: the whole family is revoked.
    const replay = await server.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      headers: { cookie: first },
    });
    expect(replay.statusCode).toBe(401);
    const afterReplay = await server.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      headers: { cookie: second },
    });
    expect(afterReplay.statusCode).toBe(401);

    const again = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'lead@clinic.test', password: PASSWORD },
    });
    const cookie = cookieOf(again.headers['set-cookie']);
    expect(
      (await server.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await server.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie } }))
        .statusCode,
    ).toBe(401);
    const actions = (await server.app.db.audit.list({ limit: 1000 })).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'auth.login',
        'auth.login_failed',
        'auth.refresh_reuse',
        'auth.logout',
      ]),
    );
  });

  it('refuses forged, expired and malformed tokens with clear codes', async () => {
    const forged =
      server.app.tokens
        .signStaff({ id: clinic.adminId, role: 'admin', displayName: 'x' })
        .token.slice(0, -4) + 'AAAA';
    const r1 = await server.app.inject({ method: 'GET', url: '/api/staff', headers: as(forged) });
    expect(r1.json().error.code).toBe('UNAUTHENTICATED');
    const r2 = await server.app.inject({
      method: 'GET',
      url: '/api/staff',
      headers: { authorization: 'Basic abc' },
    });
    expect(r2.json().error.code).toBe('UNAUTHENTICATED');
    const r3 = await server.app.inject({ method: 'GET', url: '/api/staff' });
    expect(r3.json().error.code).toBe('UNAUTHENTICATED');
    const claims = { typ: 'staff', role: 'admin', name: 'x' };
    const base = { issuer: 'haven', audience: 'haven', subject: clinic.adminId } as const;
    const expired = jwt.sign(claims, server.config.jwtSecret, {
      ...base,
      algorithm: 'HS256',
      expiresIn: -10,
    });
    const r4 = await server.app.inject({ method: 'GET', url: '/api/staff', headers: as(expired) });
    expect(r4.json().error.code).toBe('TOKEN_EXPIRED');
    const otherAlg = jwt.sign(claims, server.config.jwtSecret, {
      ...base,
      algorithm: 'HS512',
      expiresIn: 60,
    });
    expect(
      (await server.app.inject({ method: 'GET', url: '/api/staff', headers: as(otherAlg) })).json()
        .error.code,
    ).toBe('UNAUTHENTICATED');
    const otherAudience = jwt.sign(claims, server.config.jwtSecret, {
      ...base,
      audience: 'elsewhere',
      algorithm: 'HS256',
    });
    expect(
      (
        await server.app.inject({ method: 'GET', url: '/api/staff', headers: as(otherAudience) })
      ).json().error.code,
    ).toBe('UNAUTHENTICATED');
    const valid = jwt.sign(claims, server.config.jwtSecret, {
      ...base,
      algorithm: 'HS256',
      expiresIn: 60,
    });
    expect(
      (await server.app.inject({ method: 'GET', url: '/api/staff', headers: as(valid) }))
        .statusCode,
    ).toBe(200);
  });

  /** Malformed input on every route gets a stable code and changes nothing. */
  const malformed: {
    method: 'POST' | 'PATCH' | 'PUT' | 'GET' | 'DELETE';
    url: (c: Clinic) => string;
    payload?: unknown;
  }[] = [
    {
      method: 'POST',
      url: () => '/api/auth/login',
      payload: { email: 'not-an-email', password: '' },
    },
    {
      method: 'POST',
      url: () => '/api/staff',
      payload: { email: 'a@b.test', displayName: '', role: 'root', password: 'short' },
    },
    { method: 'PATCH', url: (c) => `/api/staff/${c.leadId}`, payload: { role: 'superuser' } },
    {
      method: 'POST',
      url: () => '/api/patients',
      payload: { legalName: '', stateOfResidence: 'XX' },
    },
    {
      method: 'PATCH',
      url: (c) => `/api/patients/${c.patients[0]}`,
      payload: { contactEmail: 'nope', extra: 1 },
    },
    {
      method: 'POST',
      url: () => '/api/programs',
      payload: { name: 'P', weeklyHoursRequired: -1, billingCode: '', minBillableMinutes: 1.5 },
    },
    {
      method: 'PATCH',
      url: (c) => `/api/programs/${c.programId}`,
      payload: { timeZone: 'Mars/Olympus' },
    },
    {
      method: 'POST',
      url: () => '/api/groups',
      payload: { name: 'G', weekdays: [8], startTime: '25:00' },
    },
    {
      method: 'PATCH',
      url: (c) => `/api/groups/${c.group1}`,
      payload: { durationMinutes: 'long' },
    },
    {
      method: 'PUT',
      url: (c) => `/api/groups/${c.group1}/facilitators`,
      payload: { userIds: 'everyone' },
    },
    {
      method: 'POST',
      url: (c) => `/api/groups/${c.group1}/enrollments`,
      payload: { patientId: 'x', startDate: '01/02/2026' },
    },
    {
      method: 'POST',
      url: (c) => `/api/groups/${c.group1}/enrollments/${c.patients[0]}/end`,
      payload: { endDate: 'tomorrow' },
    },
    {
      method: 'POST',
      url: (c) => `/api/groups/${c.group1}/sessions`,
      payload: { from: '2026-13-01' },
    },
    // Written as YYYY-MM-DD but not on any calendar.
    {
      method: 'POST',
      url: (c) => `/api/groups/${c.group1}/enrollments`,
      payload: { patientId: 'x', startDate: '2023-02-29' },
    },
    {
      method: 'POST',
      url: (c) => `/api/groups/${c.group1}/enrollments/${c.patients[0]}/end`,
      payload: { endDate: '2024-13-40' },
    },
    {
      method: 'POST',
      url: (c) => `/api/groups/${c.group1}/sessions`,
      payload: { from: '2026-02-30', to: '2026-03-06' },
    },
    {
      method: 'GET',
      url: (c) => `/api/attendance/programs/${c.programId}/weeks?from=2024-13-40&to=2025-01-10`,
    },
    {
      method: 'GET',
      url: (c) => `/api/attendance/programs/${c.programId}/weeks?from=2023-02-29&to=2023-03-10`,
    },
    {
      method: 'GET',
      url: (c) => `/api/attendance/patients/${c.patients[0]}/range?from=2024-13-40&to=2025-01-10`,
    },
    {
      method: 'GET',
      url: (c) => `/api/attendance/patients/${c.patients[0]}/range?from=2023-02-29&to=2023-03-10`,
    },
    { method: 'POST', url: () => '/api/sessions', payload: { kind: 'group', title: 'No group' } },
    { method: 'GET', url: () => '/api/sessions?from=yesterday' },
    {
      method: 'POST',
      url: (c) => `/api/sessions/${c.session1}/invites`,
      payload: { patientId: 42 },
    },
    { method: 'POST', url: () => '/api/invites/exchange', payload: { code: 'short' } },
    { method: 'GET', url: () => '/api/audit?limit=0' },
    { method: 'POST', url: () => '/api/dev/token', payload: { sessionId: 'Bad Room!', name: '' } },
  ];

  it.each(malformed)('$method $url answers BAD_REQUEST and changes nothing', async (route) => {
    const before = JSON.stringify(await snapshot(server));
    const res = await server.app.inject({
      method: route.method,
      url: route.url(clinic),
      headers: { ...as(clinic.tokens.admin), 'content-type': 'application/json' },
      ...(route.payload !== undefined ? { payload: JSON.stringify(route.payload) } : {}),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(res.body).not.toContain('stack');
    expect(JSON.stringify(await snapshot(server))).toBe(before);
  });

  /** Valid changes, each with an audit entry. */
  const changes: {
    method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    url: (c: Clinic) => string;
    payload?: (c: Clinic) => object;
  }[] = [
    {
      method: 'POST',
      url: () => '/api/staff',
      payload: () => ({
        email: 'new@clinic.test',
        displayName: 'New Person',
        role: 'clinician',
        password: 'a long enough password',
      }),
    },
    { method: 'POST', url: () => '/api/patients', payload: () => ({ legalName: 'New Patient' }) },
    {
      method: 'PATCH',
      url: (c) => `/api/patients/${c.patients[0]}`,
      payload: () => ({ displayName: 'P.' }),
    },
    {
      method: 'POST',
      url: () => '/api/programs',
      payload: () => ({
        name: 'New',
        weeklyHoursRequired: 9,
        billingCode: 'S9480',
        minBillableMinutes: 120,
      }),
    },
    {
      method: 'PATCH',
      url: (c) => `/api/groups/${c.group1}`,
      payload: () => ({ durationMinutes: 120 }),
    },
    {
      method: 'PUT',
      url: (c) => `/api/groups/${c.group1}/facilitators`,
      payload: () => ({ userIds: [] }),
    },
    {
      method: 'POST',
      url: (c) => `/api/groups/${c.group2}/enrollments`,
      payload: (c) => ({ patientId: c.patients[0], startDate: '2026-01-05' }),
    },
    {
      method: 'POST',
      url: (c) => `/api/groups/${c.group1}/enrollments/${c.patients[0]}/end`,
      payload: () => ({ endDate: '2026-11-20' }),
    },
    {
      method: 'POST',
      url: (c) => `/api/groups/${c.group1}/sessions`,
      payload: () => ({ from: '2027-01-04', to: '2027-01-10' }),
    },
    {
      method: 'POST',
      url: (c) => `/api/sessions/${c.session1}/invites`,
      payload: (c) => ({ patientId: c.patients[1] }),
    },
  ];

  it.each(changes)(
    '$method $url writes nothing when its audit entry cannot be written',
    async (route) => {
      const before = JSON.stringify(await snapshot(server));
      const invites = (await server.app.db.db.selectFrom('invites').select('id').execute()).length;
      const lift = await refuseWrites(server.app.db, {
        name: 'refuse_audit',
        table: 'audit_log',
        operation: 'insert',
      });
      try {
        const res = await server.app.inject({
          method: route.method,
          url: route.url(clinic),
          headers: as(clinic.tokens.admin),
          ...(route.payload ? { payload: route.payload(clinic) } : {}),
        });
        expect(res.statusCode).toBe(500);
      } finally {
        await lift();
      }
      expect(JSON.stringify(await snapshot(server))).toBe(before);
      expect((await server.app.db.db.selectFrom('invites').select('id').execute()).length).toBe(
        invites,
      );
    },
  );

  it('answers a body that is not JSON with BAD_REQUEST', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: { ...as(clinic.tokens.admin), 'content-type': 'application/json' },
      payload: '{"legalName": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });

  it('refuses control characters the same way on both databases, and writes nothing', async () => {
    const before = (await server.app.db.patients.list()).length;
    const named = await server.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: as(clinic.tokens.admin),
      payload: { legalName: 'Ana\u0000 Ruiz' },
    });
    expect(named.statusCode).toBe(400);
    expect(named.json().error.code).toBe('BAD_REQUEST');
    expect((await server.app.db.patients.list()).length).toBe(before);
    // PostgreSQL cannot even compare a NUL: a path or a query holding one finds nothing.
    const path = await server.app.inject({
      method: 'GET',
      url: '/api/patients/%00',
      headers: as(clinic.tokens.admin),
    });
    expect(path.json().error.code).toBe('NOT_FOUND');
    const query = await server.app.inject({
      method: 'GET',
      url: '/api/audit?actorId=%00',
      headers: as(clinic.tokens.admin),
    });
    expect(query.json().error.code).toBe('BAD_REQUEST');
  });

  it('moves a discharge planned for a later day, and leaves one that has passed', async () => {
    const day = (offset: number) => newYorkDate(Date.now() + offset * 86_400_000);
    const end = (patientId: string, endDate: string) =>
      endEnrollment(server, clinic, clinic.group1, patientId, endDate);
    const planned = clinic.patients[2] ?? '';
    expect((await end(planned, day(30))).json().data.endDate).toBe(day(30));
    // A mistyped date is put right while it has not passed.
    expect((await end(planned, day(7))).json().data.endDate).toBe(day(7));
    const past = clinic.patients[1] ?? '';
    expect((await end(past, day(-1))).statusCode).toBe(200);
    expect((await end(past, day(5))).json().error.code).toBe('NOT_FOUND');
  });

  it('manages programs, groups, enrollments and schedules', async () => {
    const program = await server.app.inject({
      method: 'POST',
      url: '/api/programs',
      headers: as(clinic.tokens.admin),
      payload: {
        name: 'Psychiatric IOP',
        weeklyHoursRequired: 12,
        billingCode: 'S9480',
        minBillableMinutes: 150,
      },
    });
    expect(program.statusCode).toBe(201);
    const group = await server.app.inject({
      method: 'POST',
      url: '/api/groups',
      headers: as(clinic.tokens.admin),
      payload: {
        programId: program.json().data.id,
        name: 'Mornings',
        leadClinicianId: clinic.coId,
        weekdays: [1, 3],
        startTime: '09:00',
        durationMinutes: 180,
        timeZone: 'America/Chicago',
      },
    });
    expect(group.statusCode).toBe(201);
    const gid = group.json().data.id;
    const enrolled = await server.app.inject({
      method: 'POST',
      url: `/api/groups/${gid}/enrollments`,
      headers: as(clinic.tokens.admin),
      payload: { patientId: clinic.patients[1], startDate: '2026-11-01' },
    });
    expect(enrolled.statusCode).toBe(201);
    const twice = await server.app.inject({
      method: 'POST',
      url: `/api/groups/${gid}/enrollments`,
      headers: as(clinic.tokens.admin),
      payload: { patientId: clinic.patients[1], startDate: '2026-11-01' },
    });
    expect(twice.json().error.code).toBe('CONFLICT');
    // A discharge leaves the group's current list, but not the list its attendance reads.
    const discharged = await server.app.inject({
      method: 'POST',
      url: `/api/groups/${gid}/enrollments/${clinic.patients[1]}/end`,
      headers: as(clinic.tokens.admin),
      payload: { endDate: '2026-11-20' },
    });
    expect(discharged.statusCode).toBe(200);
    const listed = async (query: string) => {
      const res = await server.app.inject({
        method: 'GET',
        url: `/api/groups/${gid}/enrollments${query}`,
        headers: as(clinic.tokens.admin),
      });
      return res.statusCode === 200
        ? (res.json().data as { patient: { id: string }; endDate: string | null }[])
        : res.json().error.code;
    };
    expect(await listed('')).toEqual([]);
    expect(await listed('?ended=include')).toMatchObject([
      { patient: { id: clinic.patients[1] }, endDate: '2026-11-20' },
    ]);
    expect(await listed('?ended=yes')).toBe('BAD_REQUEST');
    const generated = await server.app.inject({
      method: 'POST',
      url: `/api/groups/${gid}/sessions`,
      headers: as(clinic.tokens.admin),
      payload: { from: '2026-11-30', to: '2026-12-06' },
    });
    expect(generated.json().data).toHaveLength(2);
    const none = await server.app.inject({
      method: 'POST',
      url: `/api/groups/${gid}/sessions`,
      headers: as(clinic.tokens.admin),
      payload: { from: '2026-11-30', to: '2026-12-06' },
    });
    expect(none.json().data).toHaveLength(0);
    const mine = await server.app.inject({
      method: 'GET',
      url: `/api/sessions?from=0&to=${Date.UTC(2027, 0, 1)}`,
      headers: as(clinic.tokens.co),
    });
    const titles = (mine.json().data as { groupId: string | null }[]).filter(
      (s) => s.groupId === gid,
    );
    expect(titles).toHaveLength(2);
    const theirs = await server.app.inject({
      method: 'GET',
      url: `/api/sessions?from=0&to=${Date.UTC(2027, 0, 1)}`,
      headers: as(clinic.tokens.other),
    });
    expect(
      (theirs.json().data as { groupId: string | null }[]).some((s) => s.groupId === gid),
    ).toBe(false);
  });
});

/** Row counts of every table a route could write, and the audit trail's length. */
async function snapshot(server: TestServer) {
  const db = server.app.db;
  return {
    staff: (await db.staff.list()).length,
    patients: (await db.patients.list()).length,
    programs: (await db.programs.list()).length,
    groups: (await db.groups.list()).map((g) => [g.name, g.durationMinutes, g.active]),
    sessions: (await db.sessions.list({ from: 0, to: Date.now() + 400 * 86_400_000 })).length,
    enrollments: (await db.groups.enrollmentsOfGroups((await db.groups.list()).map((g) => g.id)))
      .map((e) => [e.groupId, e.patient.id, e.startDate, e.endDate].join(' '))
      .sort(),
    audit: (await db.audit.head())?.seq ?? 0,
  };
}
