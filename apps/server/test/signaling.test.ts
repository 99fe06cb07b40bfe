import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { io } from 'socket.io-client';
import { startServer, type TestServer } from './helpers/server.js';
import { TestClient } from './helpers/client.js';
import { dtls, opus, publish, setUpMedia } from './helpers/media.js';

/** The media path through real signaling and a real worker, in a development room. */
describe('signaling and media', () => {
  let server: TestServer;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server.close();
  });

  async function devClient(room: string, name: string, role = 'clinician'): Promise<TestClient> {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/dev/token',
      payload: { sessionId: room, name, role },
    });
    const { token, sessionId } = res.json().data as { token: string; sessionId: string };
    const client = await TestClient.connect(server.url, token);
    clients.push(client);
    expect(sessionId).toBe(`dev-${room}`);
    return client;
  }

  it('refuses a connection without a valid token', async () => {
    const socket = io(server.url, {
      auth: { token: 'not-a-real-token-at-all' },
      transports: ['websocket'],
      reconnection: false,
    });
    const err = await new Promise<Error & { data?: { code: string } }>((resolve) =>
      socket.once('connect_error', resolve),
    );
    socket.close();
    expect(err.data?.code).toBe('UNAUTHENTICATED');
  });

  it('joins, produces, consumes with simulcast layers, and cleans up when a peer leaves', async () => {
    const a = await devClient('media', 'Alex');
    const b = await devClient('media', 'Blake');
    const joinedA = await a.join('dev-media');
    expect(joinedA.state).toBe('admitted');
    const snapshot = await a.waitFor<{ participants: unknown[] }>('room:snapshot');
    expect(snapshot.participants).toHaveLength(1);

    const mediaA = await setUpMedia(a);
    const { micId, camId } = await publish(a, mediaA.sendId);

    await b.join('dev-media');
    await a.waitFor('participant:joined');
    const mediaB = await setUpMedia(b);
    expect(mediaB.existing.map((p) => p.producerId).sort()).toEqual([micId, camId].sort());

    const cam = await b.ok('media:consume', { producerId: camId });
    expect(cam.kind).toBe('video');
    expect(cam.source).toBe('camera');
    expect(cam.participantId).toBe(joinedA.participantId);
    await b.ok('media:resumeConsumer', { consumerId: cam.consumerId });
    await b.ok('media:setPreferredLayers', {
      consumerId: cam.consumerId,
      spatialLayer: 0,
      temporalLayer: 1,
    });
    const peerB = server.app.clinic.registry
      .live('dev-media')
      ?.peer(idOf(server, 'dev-media', 'Blake'));
    expect(peerB?.consumer(cam.consumerId)?.preferredLayers).toEqual({
      spatialLayer: 0,
      temporalLayer: 1,
    });
    expect(peerB?.consumer(cam.consumerId)?.paused).toBe(false);

    const mic = await b.ok('media:consume', { producerId: micId });
    expect(await b.code('media:consume', { producerId: micId })).toBe('INVALID_STATE');

    // Pausing at the source is seen by the consumer side.
    await a.ok('media:pauseProducer', { producerId: micId });
    await b.waitFor<{ consumerId: string }>(
      'media:consumerPaused',
      (e) => e.consumerId === mic.consumerId,
    );
    await a.ok('media:resumeProducer', { producerId: micId });
    await b.waitFor<{ consumerId: string }>(
      'media:consumerResumed',
      (e) => e.consumerId === mic.consumerId,
    );

    // A closed producer closes its consumers.
    await a.ok('media:closeProducer', { producerId: micId });
    await b.waitFor<{ consumerId: string }>(
      'media:consumerClosed',
      (e) => e.consumerId === mic.consumerId,
    );

    // A leaving peer: the other sees it go and its consumers close.
    await a.ok('room:leave', {});
    await b.waitFor<{ participantId: string }>(
      'participant:left',
      (e) => e.participantId === joinedA.participantId,
    );
    await b.waitFor<{ consumerId: string }>(
      'media:consumerClosed',
      (e) => e.consumerId === cam.consumerId,
    );
    expect(peerB?.consumers()).toHaveLength(0);
  });

  it('tells viewers that media ended when its sender replaces its send transport', async () => {
    const a = await devClient('replace', 'Alex');
    const b = await devClient('replace', 'Blake');
    const joinedA = await a.join('dev-replace');
    await b.join('dev-replace');
    await a.waitFor('participant:joined');
    const { micId, camId } = await publish(a, (await setUpMedia(a)).sendId);
    await setUpMedia(b);
    await b.waitFor<{ producers: unknown[] }>(
      'participant:updated',
      (p) => p.producers.length === 2,
    );

    // A client whose send transport failed for good makes a new one, and its producers
    // closed with the old one: viewers must drop their tiles and see the camera off.
    await a.ok('media:createTransport', { direction: 'send' });
    for (const producerId of [micId, camId])
      await b.waitFor<{ producerId: string }>(
        'media:producerClosed',
        (e) => e.producerId === producerId,
      );
    await b.waitFor<{ id: string; producers: unknown[] }>(
      'participant:updated',
      (p) => p.id === joinedA.participantId && p.producers.length === 0,
    );
    // Attendance counts audio only from here (a development room keeps no ledger).
    const room = server.app.clinic.registry.live('dev-replace')?.room;
    expect(room?.get(joinedA.participantId)?.mediaMode).toBe('audio');
  });

  it('survives the death of its media worker: everyone keeps their place and sets media up again', async () => {
    const a = await devClient('crash', 'Ari');
    const b = await devClient('crash', 'Bo');
    const ja = await a.join('dev-crash');
    await b.join('dev-crash');
    const ma = await setUpMedia(a);
    await publish(a, ma.sendId);
    await setUpMedia(b);
    const pid = server.app.sfu.workers()[0]?.pid;
    expect(pid).toBeGreaterThan(0);
    const session = server.app.clinic.registry.live('dev-crash');
    const dead = session?.media;
    // The new router is held back until someone has joined in between.
    const pool = server.app.sfu;
    const createRoom = pool.createRoom.bind(pool);
    let replace = () => undefined as void;
    const replaced = new Promise<void>((resolve) => (replace = resolve));
    pool.createRoom = async (id) => {
      await replaced;
      return createRoom(id);
    };
    try {
      process.kill(pid ?? 0, 'SIGKILL');
      await vi.waitFor(() => expect(dead?.closed).toBe(true));
      // They enter the room without media, and get it with everyone else.
      const c = await devClient('crash', 'Cy');
      expect(await c.join('dev-crash')).toMatchObject({ state: 'admitted' });
      expect(session?.media).toBe(dead);
      replace();
      await c.waitFor('media:reset', () => true, 10_000);
      await setUpMedia(c);
    } finally {
      pool.createRoom = createRoom;
    }
    expect(server.app.sfu.workers()[0]?.pid).not.toBe(pid);
    // Same people, same ids; media rebuilt on the new router.
    const room = server.app.clinic.registry.live('dev-crash')?.room;
    expect(
      room
        ?.admitted()
        .map((p) => p.displayName)
        .sort(),
    ).toEqual(['Ari', 'Bo', 'Cy']);
    const ma2 = await setUpMedia(a);
    const { camId } = await publish(a, ma2.sendId);
    await setUpMedia(b);
    const consumed = await b.ok('media:consume', { producerId: camId });
    expect(consumed.participantId).toBe(ja.participantId);
  });

  it('never puts in the room a connection that closed while its join waited', async () => {
    const a = await devClient('ghost', 'Avery');
    await a.join('dev-ghost');
    const b = await devClient('ghost', 'Blair', 'patient');
    const socket = server.app.io.sockets.sockets.get(b.socket.id ?? '');
    if (!socket) throw new Error('no server socket for the client');
    b.close();
    await vi.waitFor(() => expect(socket.disconnected).toBe(true));
    // The join's last step, as it runs once its lookups are done.
    const session = server.app.clinic.registry.live('dev-ghost');
    if (!session) throw new Error('the room is not running');
    const subject = {
      subjectId: 'dev:blair',
      role: 'patient',
      displayName: 'Blair',
      facilitator: false,
    } as const;
    await expect(
      session.run(() => session.join(socket, subject, { checkIn: null, checkInId: null })),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(session.room.all().map((p) => p.displayName)).toEqual(['Avery']);
    expect(socket.data.participantId).toBeUndefined();
  });

  it('answers malformed and out-of-order requests with stable codes and stays up', async () => {
    const c = await devClient('errors', 'Casey', 'patient');
    expect(await c.code('media:capabilities', {})).toBe('NOT_JOINED');
    expect(await c.code('room:join', { sessionId: 'dev-errors' })).toBe('BAD_REQUEST');
    expect(await c.code('room:join', { protocolVersion: 999, sessionId: 'dev-errors' })).toBe(
      'PROTOCOL_MISMATCH',
    );
    expect(await c.code('room:join', { protocolVersion: 1, sessionId: 'dev-other' })).toBe(
      'FORBIDDEN',
    );
    expect(await c.code('room:join', 'not an object')).toBe('BAD_REQUEST');
    const joined = await c.join('dev-errors');
    // Asked again on the same connection, a join answers where the person stands.
    expect(await c.ok('room:join', { protocolVersion: 1, sessionId: 'dev-errors' })).toEqual(
      joined,
    );
    expect(await c.code('media:createTransport', { direction: 'sideways' })).toBe('BAD_REQUEST');
    expect(
      await c.code('media:connectTransport', { transportId: 'nope', dtlsParameters: dtls() }),
    ).toBe('NOT_FOUND');
    expect(await c.code('media:consume', { producerId: 'nope' })).toBe('NOT_FOUND');
    const send = await c.ok('media:createTransport', { direction: 'send' });
    expect(
      await c.code('media:connectTransport', {
        transportId: send.id,
        dtlsParameters: { fingerprints: [] },
      }),
    ).toBe('BAD_REQUEST');
    expect(
      await c.code('media:produce', {
        transportId: send.id,
        kind: 'audio',
        source: 'mic',
        rtpParameters: { codecs: [] },
      }),
    ).toBe('BAD_REQUEST');
    expect(
      await c.code('media:produce', {
        transportId: send.id,
        kind: 'video',
        source: 'mic',
        rtpParameters: opus(),
      }),
    ).toBe('BAD_REQUEST');
    expect(
      await c.code('media:produce', {
        transportId: send.id,
        kind: 'audio',
        source: 'screen',
        rtpParameters: opus(),
      }),
    ).not.toBe('OK');
    expect(await c.code('mod:end', {})).toBe('FORBIDDEN');
    // Requests without an acknowledgement are ignored, and the server still answers after all this.
    (c.socket as unknown as { emit(event: string): void }).emit('media:capabilities');
    const health = await server.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.json().data.status).toBe('ok');
    expect(await c.ok('media:capabilities', {})).toHaveProperty('routerRtpCapabilities');
  });
});

function idOf(server: TestServer, sessionId: string, name: string): string {
  const p = server.app.clinic.registry
    .live(sessionId)
    ?.room.all()
    .find((x) => x.displayName === name);
  return p?.id ?? '';
}
