import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, startServer, type TestServer } from './helpers/server.js';
import { TestClient } from './helpers/client.js';
import {
  checkIn,
  patientToken,
  seedClinic,
  staffClient,
  waitingPatient,
  type Clinic,
} from './helpers/clinic.js';
import type { WaitingEntry } from '@haven/protocol';

/** The only events a waiting patient may ever receive: about themselves, nothing else. */
const WAITING_SAFE = new Set([
  'you:status',
  'you:notice',
  'you:removed',
  'waiting:message',
  'session:ended',
]);

describe.each(BACKENDS)('waiting room (%s)', (backend) => {
  let server: TestServer;
  let clinic: Clinic;
  const open: TestClient[] = [];

  beforeEach(async () => {
    server = await startServer({ backend });
    clinic = await seedClinic(server);
  });
  afterEach(async () => {
    for (const c of open.splice(0)) c.close();
    await server.close();
  });

  it('keeps waiting patients blind to each other and to the room until admitted', async () => {
    const p1 = await waitingPatient(server, clinic, 0);
    const p2 = await waitingPatient(server, clinic, 1);
    open.push(p1.client, p2.client);
    const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
    open.push(lead.client);
    const queue = await lead.client.waitFor<WaitingEntry[]>('waiting:queue', (q) => q.length === 2);
    expect(queue.map((e) => e.displayName).sort()).toEqual(['Pat 0', 'Pat 1']);
    expect(queue[0]?.checkIn?.atHome).toBe(true);

    // Someone else in the room publishes media; waiting patients must not learn of it.
    await lead.client.ok('hand:raise', {});
    await lead.client.ok('chat:send', { text: 'Welcome, everyone' });
    await lead.client.ok('mod:admit', { participantId: p1.participantId });
    await p1.client.waitFor('room:snapshot');
    await p1.client.ok('chat:send', { text: 'hello' });
    await lead.client.ok('mod:messageWaiting', {
      participantId: p2.participantId,
      text: 'Starting in a minute',
    });
    const message = await p2.client.waitFor<{ text: string }>('waiting:message');
    expect(message.text).toBe('Starting in a minute');

    await new Promise((r) => setTimeout(r, 200));
    const leaked = p2.client.received.filter((r) => !WAITING_SAFE.has(r.event));
    expect(leaked).toEqual([]);
    const serialized = JSON.stringify(p2.client.received);
    expect(serialized).not.toContain(p1.participantId);
    expect(serialized).not.toContain('Pat 0');
    expect(serialized).not.toContain(lead.participantId);
  });

  it('keeps early arrivals waiting until a clinician opens the session, then shows the queue', async () => {
    const p1 = await waitingPatient(server, clinic, 0);
    open.push(p1.client);
    expect((await server.app.db.sessions.byId(clinic.session1))?.status).toBe('scheduled');
    const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
    open.push(lead.client);
    const queue = await lead.client.waitFor<WaitingEntry[]>('waiting:queue', (q) => q.length === 1);
    expect(queue[0]?.participantId).toBe(p1.participantId);
    expect((await server.app.db.sessions.byId(clinic.session1))?.status).toBe('open');
    const admitted = await lead.client.ok('mod:admitAll', {});
    expect(admitted.admitted).toBe(1);
    await p1.client.waitFor<{ state: string }>('you:status', (s) => s.state === 'admitted');
    expect((await server.app.db.sessions.byId(clinic.session1))?.status).toBe('live');
  });

  it('requires the check-in, refuses bad answers, and keeps the answers', async () => {
    const { token } = await patientToken(
      server,
      clinic.tokens.lead,
      clinic.session1,
      clinic.patients[0] ?? '',
    );
    const client = await TestClient.connect(server.url, token);
    open.push(client);
    expect(await client.code('room:join', { protocolVersion: 1, sessionId: clinic.session1 })).toBe(
      'CHECK_IN_REQUIRED',
    );
    const bad = { ...checkIn(), agreedToRules: false };
    expect(
      await client.code('room:join', {
        protocolVersion: 1,
        sessionId: clinic.session1,
        checkIn: bad,
      }),
    ).toBe('BAD_REQUEST');
    expect(
      await client.code('room:join', {
        protocolVersion: 1,
        sessionId: clinic.session1,
        checkIn: { ...checkIn(), state: 'ZZ' },
      }),
    ).toBe('BAD_REQUEST');
    expect(
      await server.app.db.checkIns.latestFor(clinic.session1, clinic.patients[0] ?? ''),
    ).toBeNull();
    await client.join(clinic.session1, {
      checkIn: checkIn({ location: 'Car, parked', atHome: false }),
    });
    const stored = await server.app.db.checkIns.latestFor(
      clinic.session1,
      clinic.patients[0] ?? '',
    );
    expect(stored?.answers.location).toBe('Car, parked');
    expect(stored?.answers.atHome).toBe(false);
  });

  it('denies with a message, and the patient learns only that', async () => {
    const p1 = await waitingPatient(server, clinic, 0);
    open.push(p1.client);
    const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
    open.push(lead.client);
    await lead.client.ok('mod:deny', {
      participantId: p1.participantId,
      message: 'Please call the front desk.',
    });
    const removed = await p1.client.waitFor<{ kind: string; message: string }>('you:removed');
    expect(removed).toEqual({ kind: 'denied', message: 'Please call the front desk.' });
    await lead.client.waitFor<WaitingEntry[]>('waiting:queue', (q) => q.length === 0);
  });

  it('refuses links for other sessions, revoked links and other groups’ patients', async () => {
    const { token, inviteId } = await patientToken(
      server,
      clinic.tokens.lead,
      clinic.session1,
      clinic.patients[0] ?? '',
    );
    const client = await TestClient.connect(server.url, token);
    open.push(client);
    expect(
      await client.code('room:join', {
        protocolVersion: 1,
        sessionId: clinic.session2,
        checkIn: checkIn(),
      }),
    ).toBe('FORBIDDEN');
    const revoke = await server.app.inject({
      method: 'DELETE',
      url: `/api/invites/${inviteId}`,
      headers: { authorization: `Bearer ${clinic.tokens.lead}` },
    });
    expect(revoke.statusCode).toBe(200);
    expect(
      await client.code('room:join', {
        protocolVersion: 1,
        sessionId: clinic.session1,
        checkIn: checkIn(),
      }),
    ).toBe('INVITE_INVALID');
    const foreign = await server.app.inject({
      method: 'POST',
      url: `/api/sessions/${clinic.session1}/invites`,
      headers: { authorization: `Bearer ${clinic.tokens.lead}` },
      payload: { patientId: clinic.outsider },
    });
    expect(foreign.json().error.code).toBe('CONFLICT');
    const unknown = await server.app.inject({
      method: 'POST',
      url: '/api/invites/exchange',
      payload: { code: 'x'.repeat(43) },
    });
    expect(unknown.statusCode).toBe(410);
    expect(unknown.json().error).toEqual({
      code: 'INVITE_INVALID',
      message: 'This invitation link is not valid any more. Please ask your clinic for a new one.',
    });
  });
});
