import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@haven/protocol';
import { startServer, type TestServer } from './helpers/server.js';
import { TestClient } from './helpers/client.js';
import { checkIn, patientToken, seedClinic, type Clinic } from './helpers/clinic.js';
import { ACTIONS, POLICY, type Action } from '../src/rooms/policy.js';

/** `dev`: a development token naming the clinician role, from POST /api/dev/token. */
type RoleName = 'patient' | 'clinician' | 'admin' | 'dev';
type Scope = 'own' | 'other';
type Outcome = 'allowed' | 'denied';

/**
 * The policy matrix, cell by cell, through the real HTTP and socket API: every action
 * for every role, on the principal's own group and on another group.
 * "Own" for an admin is a group the admin co-facilitates.
 */
describe('policy matrix', () => {
  let server: TestServer;
  let clinic: Clinic;
  const tokens = {} as Record<RoleName, Record<Scope, string>>;

  beforeAll(async () => {
    server = await startServer();
    clinic = await seedClinic(server);
    // The admin co-facilitates group 2: that is the admin's "own" group.
    await server.app.db.groups.setFacilitators(clinic.group2, [clinic.adminId]);
    const p1 = await patientToken(
      server,
      clinic.tokens.lead,
      clinic.session1,
      clinic.patients[0] ?? '',
    );
    tokens.patient = { own: p1.token, other: p1.token };
    tokens.clinician = { own: clinic.tokens.lead, other: clinic.tokens.lead };
    tokens.admin = { own: clinic.tokens.admin, other: clinic.tokens.admin };
    const dev = await server.app.inject({
      method: 'POST',
      url: '/api/dev/token',
      payload: { sessionId: 'policy', name: 'Dev', role: 'clinician' },
    });
    const devToken = (dev.json().data as { token: string }).token;
    tokens.dev = { own: devToken, other: devToken };
    // Rosters are signed after a session ends: one ended session per group.
    for (const [groupId, lead] of [
      [clinic.group1, clinic.leadId],
      [clinic.group2, clinic.otherId],
    ] as const) {
      const s = await server.app.db.sessions.create({
        kind: 'group',
        programId: clinic.programId,
        groupId,
        leadClinicianId: lead,
        title: 'Yesterday',
        startsAt: Date.now() - 86_400_000,
        durationMinutes: 180,
      });
      await server.app.db.sessions.setStatus(s.id, 'ended', Date.now() - 70_000_000);
      ended.push(s.id);
    }
  });
  const ended: string[] = [];
  const endedFor = (role: RoleName, scope: Scope): string => {
    const [g1, g2] = ended as [string, string];
    if (role === 'admin') return scope === 'own' ? g2 : g1;
    return scope === 'own' ? g1 : g2;
  };
  afterAll(async () => server.close());

  /** The session id that is "own" / "other" for each role. */
  const sessionFor = (role: RoleName, scope: Scope): string => {
    if (role === 'admin') return scope === 'own' ? clinic.session2 : clinic.session1;
    return scope === 'own' ? clinic.session1 : clinic.session2;
  };

  const http = async (token: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await server.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
    if (res.statusCode < 300) return 'allowed';
    expect(res.json().error.code).toBe('FORBIDDEN');
    return 'denied';
  };

  let counter = 0;
  const unique = () => `x${++counter}`;

  /** One real request per action. */
  const attempt: Record<Action, (role: RoleName, scope: Scope) => Promise<Outcome>> = {
    'session.join': async (role, scope) => {
      const client = await TestClient.connect(server.url, tokens[role][scope]);
      try {
        const r = await client.request('room:join', {
          protocolVersion: PROTOCOL_VERSION,
          sessionId: sessionFor(role, scope),
          ...(role === 'patient' ? { checkIn: checkIn() } : {}),
        });
        if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
        return r.ok ? 'allowed' : 'denied';
      } finally {
        client.close();
      }
    },
    'session.moderate': async (role, scope) => {
      // Staff who may join their own session try to lock it; otherwise the lock comes from a joined patient.
      const sessionId = sessionFor(role, scope);
      const client = await TestClient.connect(server.url, tokens[role][scope]);
      try {
        const joined = await client.request('room:join', {
          protocolVersion: PROTOCOL_VERSION,
          sessionId,
          ...(role === 'patient' ? { checkIn: checkIn() } : {}),
        });
        if (!joined.ok) return 'denied';
        const r = await client.request('mod:lock', { locked: false });
        if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
        return r.ok ? 'allowed' : 'denied';
      } finally {
        client.close();
      }
    },
    'session.invite': (role, scope) =>
      http(tokens[role][scope], 'POST', `/api/sessions/${sessionFor(role, scope)}/invites`, {
        patientId:
          role === 'admin'
            ? scope === 'own'
              ? clinic.outsider
              : clinic.patients[1]
            : scope === 'own'
              ? clinic.patients[1]
              : clinic.outsider,
      }),
    'session.list': (role, scope) => http(tokens[role][scope], 'GET', '/api/sessions'),
    'session.manage': (role, scope) =>
      http(tokens[role][scope], 'POST', '/api/sessions', {
        kind: 'individual',
        programId: clinic.programId,
        patientId: clinic.patients[0],
        leadClinicianId: clinic.leadId,
        title: 'Extra',
        startsAt: Date.now() + 86_400_000 + ++counter * 60_000,
        durationMinutes: 50,
      }),
    'staff.manage': (role, scope) =>
      http(tokens[role][scope], 'POST', '/api/staff', {
        email: `${unique()}@clinic.test`,
        displayName: 'New Person',
        role: 'clinician',
        password: 'a long enough password',
      }),
    // A patient of the principal's own group, or of the other group.
    'patient.read': (role, scope) =>
      http(
        tokens[role][scope],
        'GET',
        `/api/patients/${scope === 'own' ? clinic.patients[0] : clinic.outsider}`,
      ),
    'patient.manage': (role, scope) =>
      http(tokens[role][scope], 'POST', '/api/patients', { legalName: 'New Patient' }),
    'program.manage': (role, scope) =>
      http(tokens[role][scope], 'POST', '/api/programs', {
        name: `Program ${unique()}`,
        weeklyHoursRequired: 9,
        billingCode: 'S9480',
        minBillableMinutes: 120,
      }),
    'group.manage': (role, scope) =>
      http(tokens[role][scope], 'POST', '/api/groups', {
        programId: clinic.programId,
        name: `Group ${unique()}`,
        leadClinicianId: clinic.leadId,
        weekdays: [2],
        startTime: '10:00',
        durationMinutes: 180,
        timeZone: 'America/Chicago',
      }),
    'attendance.read': (role, scope) =>
      http(tokens[role][scope], 'GET', `/api/attendance/sessions/${sessionFor(role, scope)}`),
    'attendance.export': (role, scope) =>
      http(
        tokens[role][scope],
        'GET',
        `/api/attendance/export.csv?from=${Date.now() - 30 * 86_400_000}&to=${Date.now() + 86_400_000}&purpose=audit`,
      ),
    'attendance.signoff': (role, scope) =>
      http(
        tokens[role][scope],
        'POST',
        `/api/attendance/sessions/${endedFor(role, scope)}/signoff`,
        { note: 'ok' },
      ),
    'attendance.correct': async (role, scope) => {
      const stays = await server.app.db.attendance.staysForSession(sessionFor(role, scope));
      return http(
        tokens[role][scope],
        'POST',
        `/api/attendance/stays/${stays[0]?.id ?? 'none'}/corrections`,
        {
          field: 'minutesPresent',
          value: 60,
          reason: 'Attended by phone',
        },
      );
    },
    'audit.read': (role, scope) => http(tokens[role][scope], 'GET', '/api/audit'),
  };

  /** What the policy table says each cell must be; the tests check the running server agrees. */
  const expected = (action: Action, role: Exclude<RoleName, 'dev'>, scope: Scope): Outcome => {
    const rule = POLICY[action][role];
    if (rule === 'never') return 'denied';
    if (rule === 'any') return 'allowed';
    return scope === 'own' ? 'allowed' : 'denied';
  };

  const cells = ACTIONS.flatMap((action) =>
    (['patient', 'clinician', 'admin'] as const).flatMap((role) =>
      (['own', 'other'] as const).map((scope) => ({ action, role, scope })),
    ),
  );

  it.each(cells)('$action by $role on $scope group', async ({ action, role, scope }) => {
    expect(await attempt[action](role, scope)).toBe(expected(action, role, scope));
  });

  // A development room's token names a role, but reaches none of the clinic's records.
  it.each(ACTIONS)('%s by a development token', async (action) => {
    expect(await attempt[action]('dev', 'own')).toBe('denied');
  });
});
