import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProducerInfo, PublicParticipant, RoomPatch, WaitingEntry } from '@haven/protocol';
import { startServer, type TestServer } from './helpers/server.js';
import type { TestClient } from './helpers/client.js';
import { dtls, publish, setUpMedia } from './helpers/media.js';
import {
  patientClient,
  patientToken,
  seedClinic,
  staffClient,
  waitingPatient,
  checkIn,
  type Clinic,
} from './helpers/clinic.js';
import { TestClient as Client } from './helpers/client.js';
import { refuseLedgerEvents } from './helpers/refuse-writes.js';

const settle = () => new Promise((r) => setTimeout(r, 150));

/** Every clinician control, end to end against the real server and worker. */
describe('clinician controls', () => {
  let server: TestServer;
  let clinic: Clinic;
  const open: TestClient[] = [];

  beforeEach(async () => {
    server = await startServer({ env: { HAVEN_CLINICIAN_GRACE_SECONDS: '1' } });
    clinic = await seedClinic(server);
  });
  afterEach(async () => {
    for (const c of open.splice(0)) c.close();
    await server.close();
  });

  /** A lead and two admitted patients, each with published media. */
  async function liveGroup() {
    const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
    const p1 = await waitingPatient(server, clinic, 0);
    const p2 = await waitingPatient(server, clinic, 1);
    open.push(lead.client, p1.client, p2.client);
    await lead.client.ok('mod:admit', { participantId: p1.participantId });
    await lead.client.ok('mod:admit', { participantId: p2.participantId });
    const media = {
      lead: await setUpMedia(lead.client),
      p1: await setUpMedia(p1.client),
      p2: await setUpMedia(p2.client),
    };
    const produced = {
      lead: await publish(lead.client, media.lead.sendId),
      p1: await publish(p1.client, media.p1.sendId),
      p2: await publish(p2.client, media.p2.sendId),
    };
    const session = server.app.clinic.registry.live(clinic.session1);
    if (!session) throw new Error('session not live');
    return { lead, p1, p2, media, produced, session };
  }

  it('lets an empty session no clinician opened go after ten grace periods, and starts it again', async () => {
    const p0 = await waitingPatient(server, clinic, 0);
    open.push(p0.client);
    expect(server.app.clinic.registry.live(clinic.session1)).toBeDefined();
    await p0.client.ok('room:leave', {});
    // Grace is a second here: after ten, nobody having come, the router is let go.
    await new Promise((r) => setTimeout(r, 10_500));
    expect(server.app.clinic.registry.live(clinic.session1)).toBeUndefined();
    expect((await server.app.db.sessions.byId(clinic.session1))?.status).toBe('scheduled');
    // The session can still take place.
    const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
    open.push(lead.client);
    expect(server.app.clinic.registry.live(clinic.session1)?.room.leadId).toBe(lead.participantId);
  }, 20_000);

  it('shows staff a patient’s check-in answers for an emergency, audited, and nobody else', async () => {
    const { lead, p1, p2 } = await liveGroup();
    const before = (await server.app.db.audit.head())?.seq ?? 0;
    expect(await lead.client.ok('mod:checkIn', { participantId: p1.participantId })).toEqual({
      checkIn: checkIn(),
    });
    const [entry, ...more] = await server.app.db.audit.list({ afterSeq: before });
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ action: 'session.view_checkin', targetId: p1.patientId });
    // The entry names who was looked up, never what they answered.
    expect(JSON.stringify(entry)).not.toContain('Living room');
    expect(JSON.stringify(entry)).not.toContain('Robin Doe');
    // A patient cannot read another's; staff have no answers to read.
    expect(await p2.client.code('mod:checkIn', { participantId: p1.participantId })).toBe(
      'FORBIDDEN',
    );
    expect(await lead.client.code('mod:checkIn', { participantId: lead.participantId })).toBe(
      'INVALID_STATE',
    );
  });

  it('mutes a patient (locked), who cannot unmute until unlocked; stops a camera', async () => {
    const { lead, p1, produced, session } = await liveGroup();
    await lead.client.ok('mod:mute', {
      participantId: p1.participantId,
      kind: 'audio',
      lock: true,
    });
    expect(session.peer(p1.participantId)?.producer(produced.p1.micId)?.paused).toBe(true);
    expect(
      await p1.client.waitFor('you:notice', (n: { kind: string }) => n.kind === 'muted'),
    ).toEqual({ kind: 'muted', locked: true });
    expect(await p1.client.code('media:resumeProducer', { producerId: produced.p1.micId })).toBe(
      'FORBIDDEN',
    );
    await lead.client.ok('mod:unlockMic', { participantId: p1.participantId });
    await p1.client.ok('media:resumeProducer', { producerId: produced.p1.micId });
    expect(session.peer(p1.participantId)?.producer(produced.p1.micId)?.paused).toBe(false);

    await lead.client.ok('mod:mute', {
      participantId: p1.participantId,
      kind: 'video',
      lock: false,
    });
    expect(session.peer(p1.participantId)?.producer(produced.p1.camId)?.paused).toBe(true);
    await p1.client.waitFor('you:notice', (n: { kind: string }) => n.kind === 'cameraStopped');
    // Unlocked: the patient may turn the camera back on.
    await p1.client.ok('media:resumeProducer', { producerId: produced.p1.camId });
  });

  it('keeps a microphone locked that was being turned back on as the lock came', async () => {
    const { lead, p1, produced, session } = await liveGroup();
    const micId = produced.p1.micId;
    await p1.client.ok('media:pauseProducer', { producerId: micId });
    // The patient unmutes as the clinician locks: the two cross on the way.
    const [resumed] = await Promise.all([
      p1.client.request('media:resumeProducer', { producerId: micId }),
      lead.client.ok('mod:mute', { participantId: p1.participantId, kind: 'audio', lock: true }),
    ]);
    expect(session.peer(p1.participantId)?.producer(micId)?.paused).toBe(true);
    // Refused outright, or let through and paused straight after: never left live.
    if (!resumed.ok) expect(resumed.error.code).toBe('FORBIDDEN');
  });

  it('never hands the group a consumer of a pair that stepped out while it was being made', async () => {
    const { lead, p1, p2, session } = await liveGroup();
    const { routerRtpCapabilities } = await p2.client.ok('media:capabilities', {});
    // p2 sets up receiving again (a reconnect) as the clinician steps out with p1.
    const [ready] = await Promise.all([
      p2.client.ok('media:ready', {
        rtpCapabilities: routerRtpCapabilities,
        receive: true,
        flowing: ['mic', 'camera'],
      }),
      lead.client.ok('mod:stepOut', { participantId: p1.participantId }),
    ]);
    const pair = new Set([lead.participantId, p1.participantId]);
    expect((ready.consumers ?? []).filter((c) => pair.has(c.participantId))).toEqual([]);
    expect(ready.producers.filter((p) => pair.has(p.participantId))).toEqual([]);
    const kept = session.peer(p2.participantId)?.consumers() ?? [];
    expect(kept.filter((c) => pair.has(c.participantId))).toEqual([]);
  });

  it('steps out only once recorded: a refused record leaves the pair in the group', async () => {
    const { lead, p1, p2, produced, session } = await liveGroup();
    const ofP1 = () =>
      (session.peer(p2.participantId)?.consumers() ?? []).filter(
        (c) => c.participantId === p1.participantId,
      );
    await p2.client.ok('media:consume', { producerId: produced.p1.micId });
    expect(ofP1()).toHaveLength(1);
    const lift = await refuseLedgerEvents(server.app.db, 'stepped_out');
    expect(await lead.client.code('mod:stepOut', { participantId: p1.participantId })).toBe(
      'INTERNAL',
    );
    expect(session.room.get(p1.participantId)?.space).toBe('main');
    expect(ofP1()).toHaveLength(1);
    await lift();
    await lead.client.ok('mod:stepOut', { participantId: p1.participantId });
    // Separated in the same turn as the move: nothing of p1 reaches p2 any more.
    expect(ofP1()).toEqual([]);
  });

  it('patients can never moderate', async () => {
    const { p1, p2 } = await liveGroup();
    for (const [name, payload] of [
      ['mod:mute', { participantId: p2.participantId, kind: 'audio', lock: false }],
      ['mod:remove', { participantId: p2.participantId, reason: 'x' }],
      ['mod:end', {}],
      ['mod:lock', { locked: true }],
      ['mod:admitAll', {}],
    ] as const) {
      expect(await p1.client.code(name, payload)).toBe('FORBIDDEN');
    }
  });

  it('raises and lowers hands, spotlights, and keeps a hand queue', async () => {
    const { lead, p1, p2 } = await liveGroup();
    // Two hands in one millisecond still queue, for every client, as they went up.
    server.clock.freeze();
    await p2.client.ok('hand:raise', {});
    const { participant } = await p1.client.ok('hand:raise', {});
    const room = server.app.clinic.registry.live(clinic.session1)?.room;
    expect(room?.handQueue().map((p) => p.id)).toEqual([p2.participantId, p1.participantId]);
    const raisedAt = room?.handQueue().map((p) => p.handRaisedAt ?? 0) ?? [];
    expect(raisedAt[1]).toBeGreaterThan(raisedAt[0] ?? Infinity);
    expect(participant.handRaisedAt).toBe(raisedAt[1]);
    await lead.client.ok('mod:lowerHand', { participantId: p2.participantId });
    await p2.client.waitFor('you:notice', (n: { kind: string }) => n.kind === 'handLowered');
    expect(room?.handQueue().map((p) => p.id)).toEqual([p1.participantId]);
    await lead.client.ok('mod:spotlight', { participantId: p1.participantId });
    await p2.client.waitFor<RoomPatch>('room:patch', (p) => p.spotlightId === p1.participantId);
  });

  const updatesAbout = (client: TestClient, participantId: string) =>
    (client.events('participant:updated') as PublicParticipant[]).filter(
      (p) => p.id === participantId,
    );

  it('answers a raised hand with its own state and tells only the others', async () => {
    const { lead, p1, p2 } = await liveGroup();
    for (const c of [lead, p1, p2]) c.client.clear();

    const raised = await p1.client.ok('hand:raise', {});
    expect(raised.participant).toMatchObject({ id: p1.participantId, producers: [] });
    expect(raised.participant.handRaisedAt).toEqual(expect.any(Number));
    const seen = await p2.client.waitFor<PublicParticipant>(
      'participant:updated',
      (p) => p.id === p1.participantId,
    );
    expect(seen.handRaisedAt).toBe(raised.participant.handRaisedAt);
    await lead.client.waitFor<PublicParticipant>(
      'participant:updated',
      (p) => p.id === p1.participantId && p.handRaisedAt !== null,
    );
    await settle();
    expect(updatesAbout(p1.client, p1.participantId)).toEqual([]);

    // Raising a raised hand changes nothing: answered, but nobody is told.
    const again = await p1.client.ok('hand:raise', {});
    expect(again.participant.handRaisedAt).toBe(raised.participant.handRaisedAt);
    await settle();
    expect(updatesAbout(p2.client, p1.participantId)).toHaveLength(1);

    const lowered = await p1.client.ok('hand:lower', {});
    expect(lowered.participant.handRaisedAt).toBeNull();
    await p2.client.waitFor<PublicParticipant>(
      'participant:updated',
      (p) => p.id === p1.participantId && p.handRaisedAt === null,
    );
    expect((await p1.client.ok('hand:lower', {})).participant.handRaisedAt).toBeNull();
    await settle();
    expect(updatesAbout(p2.client, p1.participantId)).toHaveLength(2);
    expect(updatesAbout(p1.client, p1.participantId)).toEqual([]);
  });

  it("shows a changed participant's media only to those who share the space, and nothing to the waiting room", async () => {
    const { lead, p1, p2 } = await liveGroup();
    const waiting = await waitingPatient(server, clinic, 2);
    open.push(waiting.client);
    await lead.client.ok('mod:stepOut', { participantId: p1.participantId });
    await p1.client.waitFor('you:notice', (n: { kind: string }) => n.kind === 'steppedOut');
    for (const c of [lead, p1, p2, waiting]) c.client.clear();

    await p1.client.ok('hand:raise', {});
    const toLead = await lead.client.waitFor<PublicParticipant>(
      'participant:updated',
      (p) => p.id === p1.participantId && p.handRaisedAt !== null,
    );
    const toGroup = await p2.client.waitFor<PublicParticipant>(
      'participant:updated',
      (p) => p.id === p1.participantId && p.handRaisedAt !== null,
    );
    // The clinician in the step-out sees p1's media; the group only that p1 is away.
    expect(toLead.producers.map((p) => p.source).sort()).toEqual(['camera', 'mic']);
    expect(toGroup.producers).toEqual([]);
    expect(toGroup.space).toBe(toLead.space);
    await settle();
    expect(waiting.client.received.map((r) => r.event)).toEqual([]);
  });

  it('removes a patient, whose link then stops working until a new invite', async () => {
    const { lead, p2 } = await liveGroup();
    await lead.client.ok('mod:remove', { participantId: p2.participantId, reason: 'Disruptive' });
    expect(await p2.client.waitFor('you:removed')).toEqual({ kind: 'removed', message: null });
    await lead.client.waitFor<{ participantId: string }>(
      'participant:left',
      (e) => e.participantId === p2.participantId,
    );
    const again = await Client.connect(server.url, p2.token);
    open.push(again);
    expect(
      await again.code('room:join', {
        protocolVersion: 1,
        sessionId: clinic.session1,
        checkIn: checkIn(),
      }),
    ).toBe('REMOVED');
    const reinvited = await patientToken(server, clinic.tokens.lead, clinic.session1, p2.patientId);
    const back = await Client.connect(server.url, reinvited.token);
    open.push(back);
    const joined = await back.join(clinic.session1, { checkIn: checkIn() });
    expect(joined.state).toBe('waiting');
    const removal = await server.app.db.removals.latestFor(clinic.session1, p2.patientId);
    expect(removal?.reason).toBe('Disruptive');
  });

  it('brings a clinician back to the group when the patient stepped out with is sent to wait', async () => {
    const { lead, p1, p2, session } = await liveGroup();
    await lead.client.ok('mod:stepOut', { participantId: p1.participantId });
    await lead.client.ok('mod:sendToWaiting', { participantId: p1.participantId });
    expect(session.room.get(lead.participantId)?.space).toBe('main');
    await lead.client.waitFor<{ state: string; space?: string }>(
      'you:status',
      (s) => s.state === 'admitted' && s.space === 'main',
    );
    // Back with the group: the clinician can step out with someone else.
    await lead.client.ok('mod:stepOut', { participantId: p2.participantId });
    const events = await server.app.db.attendance.eventsForSession(clinic.session1);
    expect(events.filter((e) => e.type === 'returned').length).toBeGreaterThan(0);
  });

  it('changes nothing when a removal cannot be recorded, and removes on the next try', async () => {
    const { lead, p2, session } = await liveGroup();
    const lift = await refuseLedgerEvents(server.app.db, 'removed');
    expect(
      await lead.client.code('mod:remove', {
        participantId: p2.participantId,
        reason: 'Disruptive',
      }),
    ).toBe('INTERNAL');
    // Still in the group, media and all, and not told otherwise.
    expect(session.room.get(p2.participantId)?.admitted).toBe(true);
    expect(session.peer(p2.participantId)).toBeDefined();
    expect(p2.client.events('you:removed')).toEqual([]);
    await lift();
    await lead.client.ok('mod:remove', { participantId: p2.participantId, reason: 'Disruptive' });
    expect(await p2.client.waitFor('you:removed')).toEqual({ kind: 'removed', message: null });
    expect(session.peer(p2.participantId)).toBeUndefined();
  });

  it('sends a patient back to the waiting room: media stops both ways, then re-admits', async () => {
    const { lead, p1, p2, produced } = await liveGroup();
    const c = await p2.client.ok('media:consume', { producerId: produced.p1.camId });
    await lead.client.ok('mod:sendToWaiting', { participantId: p1.participantId });
    await p1.client.waitFor<{ state: string }>('you:status', (s) => s.state === 'waiting');
    await p2.client.waitFor<{ consumerId: string }>(
      'media:consumerClosed',
      (e) => e.consumerId === c.consumerId,
    );
    expect(await p1.client.code('media:capabilities', {})).toBe('NOT_ADMITTED');
    expect(await p2.client.code('media:consume', { producerId: produced.p1.micId })).toBe(
      'NOT_FOUND',
    );
    await lead.client.ok('mod:admit', { participantId: p1.participantId });
    await p1.client.waitFor<{ state: string }>('you:status', (s) => s.state === 'admitted');
  });

  it('steps out with one patient privately, then returns both to the group', async () => {
    const { lead, p1, p2, produced } = await liveGroup();
    const p2SeesP1 = await p2.client.ok('media:consume', { producerId: produced.p1.camId });
    const p2SeesLead = await p2.client.ok('media:consume', { producerId: produced.lead.micId });
    await lead.client.ok('mod:stepOut', { participantId: p1.participantId });
    await p1.client.waitFor('you:notice', (n: { kind: string }) => n.kind === 'steppedOut');
    // The group's consumers of the two are gone, and it cannot consume them again.
    await p2.client.waitFor<{ consumerId: string }>(
      'media:consumerClosed',
      (e) => e.consumerId === p2SeesP1.consumerId,
    );
    await p2.client.waitFor<{ consumerId: string }>(
      'media:consumerClosed',
      (e) => e.consumerId === p2SeesLead.consumerId,
    );
    expect(await p2.client.code('media:consume', { producerId: produced.p1.micId })).toBe(
      'NOT_FOUND',
    );
    expect(await p2.client.code('media:consume', { producerId: produced.lead.camId })).toBe(
      'NOT_FOUND',
    );
    // The two still have each other.
    await p1.client.ok('media:consume', { producerId: produced.lead.micId });
    p2.client.clear();
    await p1.client.ok('chat:send', { text: 'private words' });
    await new Promise((r) => setTimeout(r, 150));
    expect(JSON.stringify(p2.client.received)).not.toContain('private words');

    await lead.client.ok('mod:return', {});
    await p1.client.waitFor('you:notice', (n: { kind: string }) => n.kind === 'returnedToGroup');
    const announced = await p2.client.waitFor<ProducerInfo>(
      'media:newProducer',
      (p) => p.producerId === produced.p1.camId,
    );
    expect(announced.participantId).toBe(p1.participantId);
    await p2.client.ok('media:consume', { producerId: produced.p1.camId });
  });

  it("opens a newcomer's receiving side in one request, with consumers of its own space only", async () => {
    const { lead, p1, produced } = await liveGroup();
    await lead.client.ok('mod:stepOut', { participantId: p1.participantId });
    const p3 = await waitingPatient(server, clinic, 2);
    open.push(p3.client);
    await lead.client.ok('mod:admit', { participantId: p3.participantId });
    // Entering the room brings the router's capabilities; a move within it does not.
    const entered = await p3.client.waitFor<{ state: string; routerRtpCapabilities?: object }>(
      'you:status',
      (s) => s.state === 'admitted',
    );
    const routerRtpCapabilities = entered.routerRtpCapabilities ?? {};
    expect(routerRtpCapabilities).toEqual(
      (await p3.client.ok('media:capabilities', {})).routerRtpCapabilities,
    );
    const moved = lead.client.events('you:status').at(-1);
    expect(moved).toEqual({ state: 'admitted', space: expect.stringMatching(/^stepout:/) });
    const {
      producers,
      consumers = [],
      recvTransport,
    } = await p3.client.ok('media:ready', {
      rtpCapabilities: routerRtpCapabilities,
      receive: true,
      flowing: ['mic'],
      dtlsParameters: dtls(),
    });
    // Only p2 shares p3's space: the pair stepped out stays out of reach.
    const mine = [produced.p2.micId, produced.p2.camId].sort();
    expect(producers.map((p) => p.producerId).sort()).toEqual(mine);
    expect(consumers.map((c) => c.producerId).sort()).toEqual(mine);
    expect(recvTransport?.iceCandidates.length).toBeGreaterThan(0);
    // The microphone flows at once, as asked; the camera waits for its tile.
    expect(consumers.map((c) => [c.source, c.paused]).sort()).toEqual([
      ['camera', true],
      ['mic', false],
    ]);
    // On p3's new receive transport, already connected with the DTLS parameters given.
    const peer = server.app.clinic.registry.live(clinic.session1)?.peer(p3.participantId);
    expect(peer?.consumerCount).toBe(2);
    expect(
      await p3.client.code('media:connectTransport', {
        transportId: recvTransport?.id ?? '',
        dtlsParameters: dtls(),
      }),
    ).toBe('INVALID_STATE');
    for (const c of consumers.filter((c) => c.paused))
      await p3.client.ok('media:resumeConsumer', { consumerId: c.consumerId });
    expect(peer?.consumers().every((c) => !c.paused)).toBe(true);
    // Sources are checked at the edge like any field.
    expect(
      await p3.client.code('media:ready', {
        rtpCapabilities: routerRtpCapabilities,
        receive: true,
        flowing: ['video'],
      }),
    ).toBe('BAD_REQUEST');
  });

  it('locks the session: a late arrival is refused and still recorded', async () => {
    const { lead } = await liveGroup();
    await lead.client.ok('mod:lock', { locked: true });
    const { client: late } = await patientClient(server, clinic, 2);
    open.push(late);
    expect(
      await late.code('room:join', {
        protocolVersion: 1,
        sessionId: clinic.session1,
        checkIn: checkIn(),
      }),
    ).toBe('SESSION_LOCKED');
    const events = await server.app.db.attendance.eventsForSession(clinic.session1);
    expect(events.some((e) => e.type === 'late_arrival_refused')).toBe(true);
    // Refused once, refused again while it stays locked.
    expect(await late.code('room:join', { protocolVersion: 1, sessionId: clinic.session1 })).toBe(
      'SESSION_LOCKED',
    );
    // Let in once the clinician unlocks; admitted, they are one of the session's, and a
    // reload under a new lock brings them back to the waiting room.
    await lead.client.ok('mod:lock', { locked: false });
    const { participantId } = await late.join(clinic.session1);
    await lead.client.ok('mod:admit', { participantId });
    await lead.client.ok('mod:lock', { locked: true });
    await late.ok('room:leave', {});
    expect(await late.join(clinic.session1)).toMatchObject({ state: 'waiting', participantId });
  });

  it('lets someone who was in before the lock and left come back to the waiting room', async () => {
    const { lead, p1 } = await liveGroup();
    await lead.client.ok('mod:lock', { locked: true });
    // A reload leaves the session, then joins again with the same link.
    await p1.client.ok('room:leave', {});
    p1.client.close();
    const back = await Client.connect(server.url, p1.token);
    open.push(back);
    expect(await back.join(clinic.session1)).toMatchObject({
      state: 'waiting',
      participantId: p1.participantId,
      lateArrival: false,
    });
    // Back in the queue, marked as returning, not as a late arrival.
    await lead.client.waitFor<WaitingEntry[]>('waiting:queue', (q) =>
      q.some((e) => e.participantId === p1.participantId && e.returned && !e.lateArrival),
    );
    await lead.client.ok('mod:admit', { participantId: p1.participantId });
    await back.waitFor('room:snapshot');
    const events = await server.app.db.attendance.eventsForSession(clinic.session1);
    expect(events.some((e) => e.type === 'late_arrival_refused')).toBe(false);
  });

  it('ends the session for everyone', async () => {
    const { lead, p1, p2 } = await liveGroup();
    await lead.client.ok('mod:end', {});
    for (const c of [p1.client, p2.client]) {
      expect(await c.waitFor('session:ended')).toEqual({ reason: 'ended_by_clinician' });
    }
    const session = await server.app.db.sessions.byId(clinic.session1);
    expect(session?.status).toBe('ended');
    expect(server.app.clinic.registry.live(clinic.session1)).toBeUndefined();
    const late = await Client.connect(server.url, clinic.tokens.lead);
    open.push(late);
    expect(await late.code('room:join', { protocolVersion: 1, sessionId: clinic.session1 })).toBe(
      'SESSION_ENDED',
    );
  });

  it('hands the lead to a present co-facilitator when the lead drops', async () => {
    const { lead, p1 } = await liveGroup();
    const co = await staffClient(server, clinic.tokens.co, clinic.session1);
    open.push(co.client);
    lead.client.close();
    await p1.client.waitFor<RoomPatch>('room:patch', (p) => p.leadId === co.participantId);
    expect(
      await p1.client.waitFor('you:notice', (n: { kind: string }) => n.kind === 'leadChanged'),
    ).toMatchObject({ leadName: 'Cory Co' });
    await co.client.ok('mod:lock', { locked: true });
  });

  it('holds the session when no clinician is left, resumes when one returns', async () => {
    const { lead, p1 } = await liveGroup();
    lead.client.close();
    await p1.client.waitFor<RoomPatch>('room:patch', (p) => p.phase === 'onHold');
    // Nobody gains controls while on hold.
    expect(await p1.client.code('mod:lock', { locked: true })).toBe('FORBIDDEN');
    const back = await staffClient(server, clinic.tokens.lead, clinic.session1);
    open.push(back.client);
    await p1.client.waitFor('you:notice', (n: { kind: string }) => n.kind === 'sessionResumed');
    expect(server.app.clinic.registry.live(clinic.session1)?.room.phase).not.toBe('onHold');
    await new Promise((r) => setTimeout(r, 1300));
    expect(server.app.clinic.registry.live(clinic.session1)).toBeDefined();
  });

  it('ends the session cleanly when the grace period expires with no clinician', async () => {
    const { lead, p1 } = await liveGroup();
    lead.client.close();
    expect(await p1.client.waitFor('session:ended', () => true, 4000)).toEqual({
      reason: 'clinician_timeout',
    });
    expect((await server.app.db.sessions.byId(clinic.session1))?.status).toBe('ended');
  });
});
