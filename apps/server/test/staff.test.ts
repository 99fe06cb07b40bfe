import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, cookieOf, startServer, type TestServer } from './helpers/server.js';
import {
  PASSWORD,
  seedClinic,
  staffClient,
  waitingPatient,
  type Clinic,
} from './helpers/clinic.js';
import { refuseWrites } from './helpers/refuse-writes.js';
import { TestClient } from './helpers/client.js';
import { PROTOCOL_VERSION } from '@haven/protocol';

/** Changes to a staff account land whole, and deactivation ends the account's sign-ins. */
describe.each(BACKENDS)('staff updates (%s)', (backend) => {
  let server: TestServer;
  let clinic: Clinic;

  beforeEach(async () => {
    server = await startServer({ backend });
    clinic = await seedClinic(server);
  });
  afterEach(async () => server.close());

  const login = (email: string) =>
    server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: PASSWORD },
    });
  const refresh = (cookie: string) =>
    server.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { cookie } });
  const update = (id: string, payload: object) =>
    server.app.inject({
      method: 'PATCH',
      url: `/api/staff/${id}`,
      headers: { authorization: `Bearer ${clinic.tokens.admin}` },
      payload,
    });
  const liveRefreshTokens = async (userId: string) =>
    (
      await server.app.db.db
        .selectFrom('refresh_tokens')
        .select('id')
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .execute()
    ).length;
  const staffUpdates = async () =>
    (await server.app.db.audit.list({ action: 'staff.update' })).length;

  it('deactivation revokes sign-ins and refuses new ones', async () => {
    const signedIn = await login('co@clinic.test');
    expect(signedIn.statusCode).toBe(200);
    const res = await update(clinic.coId, { active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ id: clinic.coId, active: false });
    expect(await liveRefreshTokens(clinic.coId)).toBe(0);
    expect((await refresh(cookieOf(signedIn.headers['set-cookie']))).statusCode).toBe(401);
    expect((await login('co@clinic.test')).json().error.code).toBe('INVALID_CREDENTIALS');
  });

  const me = (token: string) =>
    server.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${token}` },
    });

  it('stops a deactivated account’s access token and open connections at once', async () => {
    expect((await me(clinic.tokens.co)).statusCode).toBe(200);
    const connected = await TestClient.connect(server.url, clinic.tokens.co);
    const closed = new Promise((resolve) => connected.socket.once('disconnect', resolve));
    expect((await update(clinic.coId, { active: false })).statusCode).toBe(200);

    expect(await closed).toBe('io server disconnect');
    const refused = await me(clinic.tokens.co);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('UNAUTHENTICATED');
    await expect(TestClient.connect(server.url, clinic.tokens.co)).rejects.toMatchObject({
      data: { code: 'UNAUTHENTICATED' },
    });
    // Everyone else carries on.
    expect((await me(clinic.tokens.lead)).statusCode).toBe(200);
    const other = await TestClient.connect(server.url, clinic.tokens.lead);
    other.close();
  });

  it('refuses a connection it could not check as a fault of its own, not as a spent sign-in', async () => {
    const staff = server.app.db.staff;
    const byId = staff.byId.bind(staff);
    staff.byId = () => Promise.reject(new Error('connection to the database lost'));
    try {
      await expect(TestClient.connect(server.url, clinic.tokens.lead)).rejects.toMatchObject({
        data: { code: 'INTERNAL' },
      });
    } finally {
      staff.byId = byId;
    }
    const back = await TestClient.connect(server.url, clinic.tokens.lead);
    back.close();
  });

  it('asks for a new sign-in after a change of role, which then carries the new role', async () => {
    const signedIn = await login('co@clinic.test');
    expect((await update(clinic.coId, { role: 'admin' })).statusCode).toBe(200);
    const stale = await me(clinic.tokens.co);
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.code).toBe('TOKEN_EXPIRED');
    const renewed = await refresh(cookieOf(signedIn.headers['set-cookie']));
    expect(renewed.statusCode).toBe(200);
    const token = renewed.json().data.token as string;
    expect((await me(token)).json().data.user).toMatchObject({ id: clinic.coId, role: 'admin' });
  });

  it('ends the sign-ins made with the old password when it changes', async () => {
    const signedIn = await login('co@clinic.test');
    const change = await update(clinic.coId, { password: 'a brand new passphrase here' });
    expect(change.statusCode).toBe(200);
    expect(await liveRefreshTokens(clinic.coId)).toBe(0);
    expect((await refresh(cookieOf(signedIn.headers['set-cookie']))).statusCode).toBe(401);
  });

  it('refuses the access tokens and closes the connections signed in before a password change', async () => {
    const connected = await TestClient.connect(server.url, clinic.tokens.co);
    const closed = new Promise((resolve) => connected.socket.once('disconnect', resolve));
    const first = 'a brand new passphrase here';
    expect((await update(clinic.coId, { password: first })).statusCode).toBe(200);

    expect(await closed).toBe('io server disconnect');
    const stale = await me(clinic.tokens.co);
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.code).toBe('TOKEN_EXPIRED');
    await expect(TestClient.connect(server.url, clinic.tokens.co)).rejects.toMatchObject({
      data: { code: 'TOKEN_EXPIRED' },
    });
    // A sign-in with the new password, in the same second as the change, holds.
    const signIn = (password: string) =>
      server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'co@clinic.test', password },
      });
    const token = (await signIn(first)).json().data.token as string;
    expect((await me(token)).statusCode).toBe(200);
    const again = await TestClient.connect(server.url, token);
    const closedAgain = new Promise((resolve) => again.socket.once('disconnect', resolve));
    // The next change ends that one in turn.
    expect((await update(clinic.coId, { password: 'and another new passphrase' })).statusCode).toBe(
      200,
    );
    expect(await closedAgain).toBe('io server disconnect');
    expect((await me(token)).json().error.code).toBe('TOKEN_EXPIRED');
    // Everyone else carries on.
    expect((await me(clinic.tokens.lead)).statusCode).toBe(200);
    expect((await me(clinic.tokens.admin)).statusCode).toBe(200);
  });

  it('lets a deactivated clinician whose connection stayed open neither moderate nor read check-ins', async () => {
    const co = await staffClient(server, clinic.tokens.co, clinic.session1);
    const idle = await TestClient.connect(server.url, clinic.tokens.co);
    const patient = await waitingPatient(server, clinic, 0);
    const target = { participantId: patient.participantId };
    expect(await co.client.ok('mod:checkIn', target)).toHaveProperty('checkIn');
    const readBefore = (await server.app.db.audit.list({ action: 'session.view_checkin' })).length;

    // Deactivated where no message closes these connections (as when the one sent from
    // another node is lost): they stay open, and are refused whatever they ask for.
    await server.app.db.staff.setActive(clinic.coId, false);
    expect(await co.client.code('mod:checkIn', target)).toBe('UNAUTHENTICATED');
    expect(await co.client.code('mod:admit', target)).toBe('UNAUTHENTICATED');
    expect(await co.client.code('mod:end', {})).toBe('UNAUTHENTICATED');
    expect(
      await idle.code('room:join', {
        protocolVersion: PROTOCOL_VERSION,
        sessionId: clinic.session1,
      }),
    ).toBe('UNAUTHENTICATED');
    expect((await server.app.db.audit.list({ action: 'session.view_checkin' })).length).toBe(
      readBefore,
    );
    const session = server.app.clinic.registry.live(clinic.session1);
    expect(session?.room.get(patient.participantId)?.admitted).toBe(false);
    expect((await server.app.db.sessions.byId(clinic.session1))?.status).not.toBe('ended');

    // A change of role likewise: a clinician made an admin signs in again first.
    await server.app.db.staff.setActive(clinic.coId, true);
    expect(await co.client.ok('mod:checkIn', target)).toHaveProperty('checkIn');
    await server.app.db.staff.update(clinic.coId, { role: 'admin' });
    expect(await co.client.code('mod:checkIn', target)).toBe('TOKEN_EXPIRED');
    for (const c of [co.client, idle, patient.client]) c.close();
  });

  it('writes all of an update or none of it', async () => {
    const signedIn = await login('co@clinic.test');
    expect(await liveRefreshTokens(clinic.coId)).toBe(1);
    const before = await server.app.db.staff.byId(clinic.coId);
    const auditBefore = await staffUpdates();
    const change = { displayName: 'Cory Renamed', role: 'admin', active: false };

    const lift = await refuseWrites(server.app.db, {
      name: 'fail_revoke',
      table: 'refresh_tokens',
      operation: 'update',
    });
    const failed = await update(clinic.coId, change);
    expect(failed.statusCode).toBe(500);
    expect(failed.json().error.code).toBe('INTERNAL');
    // The name, role and active flag are as they were, and the sign-in still stands.
    expect(await server.app.db.staff.byId(clinic.coId)).toEqual(before);
    expect(await liveRefreshTokens(clinic.coId)).toBe(1);
    expect(await staffUpdates()).toBe(auditBefore);

    await lift();
    const done = await update(clinic.coId, change);
    expect(done.statusCode).toBe(200);
    expect(await server.app.db.staff.byId(clinic.coId)).toMatchObject({
      displayName: 'Cory Renamed',
      role: 'admin',
      active: false,
    });
    expect(await liveRefreshTokens(clinic.coId)).toBe(0);
    expect((await refresh(cookieOf(signedIn.headers['set-cookie']))).statusCode).toBe(401);
    expect(await staffUpdates()).toBe(auditBefore + 1);
  });

  it('answers NOT_FOUND for an unknown staff member and writes nothing', async () => {
    const auditBefore = await staffUpdates();
    const res = await update('no-such-user', { active: false });
    expect(res.statusCode).toBe(404);
    expect(await staffUpdates()).toBe(auditBefore);
  });
});
