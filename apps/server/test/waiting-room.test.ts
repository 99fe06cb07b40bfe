import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKENDS, startServer, type TestServer } from './helpers/server.js';
import { TestClient } from './helpers/client.js';
import {
  checkIn,
  patientClient,
  patientToken,
  seedClinic,
  staffClient,
  waitingPatient,
  type Clinic,
} from './helpers/clinic.js';
import { PROTOCOL_VERSION, type WaitingEntry } from '@haven/protocol';
import { refuseLedgerEvents } from './helpers/refuse-writes.js';

/** The only events a waiting patient may ever receive: about themselves, nothing else. */
const WAITING_SAFE = new Set([
  'you:status',
  'you:notice',
  'you:removed',
  'you:clinician',
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

  /** The types of one stay's ledger events, in order, found by one of its events. */
  async function stayTypes(sessionId: string, marker: (e: { type: string }) => boolean) {
    const events = await server.app.db.attendance.eventsForSession(sessionId);
    const stayId = events.find(marker)?.stayId;
    return events.filter((e) => e.stayId === stayId).map((e) => e.type);
  }

  const entryOf = (q: WaitingEntry[], id: string) => q.find((e) => e.participantId === id);

  it('keeps a patient whose connection dropped in the queue, admitting them only once back', async () => {
    const p1 = await waitingPatient(server, clinic, 0);
    const p2 = await waitingPatient(server, clinic, 1);
    open.push(p2.client);
    const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
    open.push(lead.client);
    await lead.client.waitFor<WaitingEntry[]>('waiting:queue', (q) => q.length === 2);

    p1.client.close();
    await lead.client.waitFor<WaitingEntry[]>(
      'waiting:queue',
      (q) => entryOf(q, p1.participantId)?.connected === false,
    );
    // Admitting them would start attendance for someone who is not there.
    expect(await lead.client.code('mod:admit', { participantId: p1.participantId })).toBe(
      'INVALID_STATE',
    );
    expect(await lead.client.ok('mod:admitAll', {})).toEqual({ admitted: 1, held: 1 });
    await p2.client.waitFor('room:snapshot');

    // Back through the same link: the same place in the queue, and admissible again.
    const back = await TestClient.connect(server.url, p1.token);
    open.push(back);
    expect(await back.join(clinic.session1)).toMatchObject({
      state: 'waiting',
      participantId: p1.participantId,
    });
    await lead.client.waitFor<WaitingEntry[]>(
      'waiting:queue',
      (q) => entryOf(q, p1.participantId)?.connected === true,
    );
    await lead.client.ok('mod:admit', { participantId: p1.participantId });
    await back.waitFor('room:snapshot');
    expect(await stayTypes(clinic.session1, (e) => e.type === 'connection_lost')).toEqual([
      'arrived',
      'connection_lost',
      'reconnected',
      'admitted',
    ]);
  });

  it('answers a join sent twice at once with one arrival and one check-in', async () => {
    const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
    open.push(lead.client);
    const { client } = await patientClient(server, clinic, 0);
    open.push(client);
    const payload = {
      protocolVersion: PROTOCOL_VERSION,
      sessionId: clinic.session1,
      checkIn: checkIn(),
    };
    const [first, second] = await Promise.all([
      client.ok('room:join', payload),
      client.ok('room:join', payload),
    ]);
    expect(second).toEqual(first);
    expect(first.state).toBe('waiting');
    // Asked again later (an answer the client never saw), it learns where it stands now.
    await lead.client.ok('mod:admit', { participantId: first.participantId });
    expect(await client.ok('room:join', payload)).toMatchObject({
      state: 'admitted',
      participantId: first.participantId,
    });
    expect(await stayTypes(clinic.session1, (e) => e.type === 'admitted')).toEqual([
      'arrived',
      'admitted',
    ]);
    const checkIns = await server.app.db.db
      .selectFrom('check_ins')
      .select('id')
      .where('session_id', '=', clinic.session1)
      .execute();
    expect(checkIns).toHaveLength(1);
  });

  it('leaves a patient waiting when their admission cannot be recorded, and admits on retry', async () => {
    const p1 = await waitingPatient(server, clinic, 0);
    open.push(p1.client);
    const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
    open.push(lead.client);
    const lift = await refuseLedgerEvents(server.app.db, 'admitted');
    expect(await lead.client.code('mod:admit', { participantId: p1.participantId })).toBe(
      'INTERNAL',
    );
    expect(server.app.clinic.registry.live(clinic.session1)?.statusOf(p1.participantId)).toEqual(
      expect.objectContaining({ state: 'waiting' }),
    );
    expect(p1.client.events('you:status')).toEqual([]);
    await lift();
    await lead.client.ok('mod:admit', { participantId: p1.participantId });
    await p1.client.waitFor('room:snapshot');
    expect(p1.client.events('you:status')).toEqual([
      expect.objectContaining({ state: 'admitted' }),
    ]);
  });

  it('keeps the session running when its end cannot be recorded, and ends it on retry', async () => {
    const p1 = await waitingPatient(server, clinic, 0);
    open.push(p1.client);
    const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
    open.push(lead.client);
    await lead.client.ok('mod:admit', { participantId: p1.participantId });
    await p1.client.waitFor('room:snapshot');
    const lift = await refuseLedgerEvents(server.app.db, 'session_ended');
    expect(await lead.client.code('mod:end', {})).toBe('INTERNAL');
    expect(server.app.clinic.registry.live(clinic.session1)?.ended).toBe(false);
    expect((await server.app.db.sessions.byId(clinic.session1))?.status).toBe('live');
    await p1.client.ok('hand:raise', {});

    await lift();
    await lead.client.ok('mod:end', {});
    await p1.client.waitFor('session:ended');
    expect((await server.app.db.sessions.byId(clinic.session1))?.status).toBe('ended');
    expect(await stayTypes(clinic.session1, (e) => e.type === 'admitted')).toEqual([
      'arrived',
      'admitted',
      'session_ended',
    ]);
  });

  it('puts the session on hold when its lead drops, even if the drop cannot be recorded', async () => {
    const p1 = await waitingPatient(server, clinic, 0);
    open.push(p1.client);
    const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
    await lead.client.ok('mod:admit', { participantId: p1.participantId });
    await refuseLedgerEvents(server.app.db, 'connection_lost');
    lead.client.close();
    await vi.waitFor(() =>
      expect(server.app.clinic.registry.live(clinic.session1)?.room.phase).toBe('onHold'),
    );
    expect(
      server.app.clinic.registry.live(clinic.session1)?.room.get(lead.participantId)?.connected,
    ).toBe(false);
  });

  it('lets a facilitator added mid-session moderate, and stops one taken off', async () => {
    const p1 = await waitingPatient(server, clinic, 0);
    open.push(p1.client);
    const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
    open.push(lead.client);
    const setFacilitators = (userIds: string[]) =>
      server.app.inject({
        method: 'PUT',
        url: `/api/groups/${clinic.group1}/facilitators`,
        headers: { authorization: `Bearer ${clinic.tokens.admin}` },
        payload: { userIds },
      });
    // The lead of group 2 substitutes for session 1 while it runs.
    expect((await setFacilitators([clinic.coId, clinic.otherId])).statusCode).toBe(200);
    const substitute = await staffClient(server, clinic.tokens.other, clinic.session1);
    open.push(substitute.client);
    await substitute.client.ok('mod:messageWaiting', {
      participantId: p1.participantId,
      text: 'A moment, please',
    });
    expect((await setFacilitators([clinic.coId])).statusCode).toBe(200);
    expect(await substitute.client.code('mod:admit', { participantId: p1.participantId })).toBe(
      'FORBIDDEN',
    );
  });

  it('admits all only those checked in from a private place, leaving the others to the clinician', async () => {
    const home = await waitingPatient(server, clinic, 0);
    const { client } = await patientClient(server, clinic, 1);
    const { participantId } = await client.join(clinic.session1, {
      checkIn: checkIn({ location: 'Bus', atHome: false, privatePlace: false }),
    });
    open.push(home.client, client);
    const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
    open.push(lead.client);
    await lead.client.waitFor<WaitingEntry[]>('waiting:queue', (q) => q.length === 2);

    expect(await lead.client.ok('mod:admitAll', {})).toEqual({ admitted: 1, held: 1 });
    await home.client.waitFor<{ state: string }>('you:status', (s) => s.state === 'admitted');
    const queue = await lead.client.waitFor<WaitingEntry[]>('waiting:queue', (q) => q.length === 1);
    expect(queue[0]?.participantId).toBe(participantId);
    expect(client.received.some((r) => r.event === 'room:snapshot')).toBe(false);

    // Looked at and admitted on purpose, one by one.
    await lead.client.ok('mod:admit', { participantId });
    await client.waitFor('room:snapshot');
  });

  it('hands the place to a second window, telling the first it was replaced, not removed', async () => {
    const first = await waitingPatient(server, clinic, 0);
    open.push(first.client);
    const second = await TestClient.connect(server.url, first.token);
    open.push(second);
    expect(await second.join(clinic.session1)).toMatchObject({
      state: 'waiting',
      participantId: first.participantId,
    });
    expect(await first.client.waitFor('you:removed')).toEqual({ kind: 'replaced', message: null });
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
    const { client } = await patientClient(server, clinic, 0);
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
      await client.code('room:join', {
        protocolVersion: 1,
        sessionId: clinic.session1,
        checkIn: { ...checkIn(), location: 'Kitchen\u0000' },
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
