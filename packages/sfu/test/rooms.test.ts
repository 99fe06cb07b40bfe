import { describe, expect, it } from 'vitest';
import { ROOM_WEIGHT, mediaCodecs } from '../src/index.js';
import { codeOf, join, nextEvent, opusParameters, usePools } from './helpers.js';

const pools = usePools();

describe('room lifecycle', () => {
  it('creates a room whose rtpCapabilities offer Opus, VP8 and H264', async () => {
    const pool = await pools.open();
    const room = await pool.createRoom('session-1');

    expect(room.id).toBe('session-1');
    expect(pool.getRoom('session-1')).toBe(room);
    const codecs = room.rtpCapabilities.codecs ?? [];
    const opus = codecs.find((c) => c.mimeType === 'audio/opus');
    expect(opus).toMatchObject({ clockRate: 48000, channels: 2 });
    expect(opus?.parameters).toMatchObject({ useinbandfec: 1, usedtx: 1 });
    expect(codecs.some((c) => c.mimeType === 'video/VP8')).toBe(true);
    const h264 = codecs.find((c) => c.mimeType === 'video/H264');
    expect(h264?.parameters).toMatchObject({
      'packetization-mode': 1,
      'profile-level-id': '42e01f',
      'level-asymmetry-allowed': 1,
    });
    expect(room.rtpCapabilities.headerExtensions?.length).toBeGreaterThan(0);
    // Callers get a copy: mutating it cannot reach the router.
    room.rtpCapabilities.codecs?.splice(0);
    expect(room.rtpCapabilities.codecs).toHaveLength(codecs.length);
  });

  it('closes once, emits close with reason closed, and the pool forgets it', async () => {
    const pool = await pools.open();
    const room = await pool.createRoom('session-1');
    const { peer } = await join(room, 'alice');
    const reasons: string[] = [];
    room.on('close', ({ reason }) => reasons.push(reason));
    let peerClosed = 0;
    peer.on('close', () => peerClosed++);

    room.close();
    room.close();

    expect(reasons).toEqual(['closed']);
    expect(peerClosed).toBe(1);
    expect(room.closed).toBe(true);
    expect(peer.closed).toBe(true);
    expect(pool.getRoom('session-1')).toBeUndefined();
    expect(pool.workers()[0]?.rooms).toBe(0);
    expect(await codeOf(() => room.createPeer('bob'))).toBe('INVALID_STATE');

    const again = await pool.createRoom('session-1');
    expect(again).not.toBe(room);
  });

  it('answers the same room to repeated and concurrent createRoom calls', async () => {
    const pool = await pools.open();
    const [a, b] = await Promise.all([pool.createRoom('s'), pool.createRoom('s')]);
    expect(a).toBe(b);
    expect(await pool.createRoom('s')).toBe(a);
    expect(pool.workers()[0]?.rooms).toBe(1);
  });

  it('refuses a second peer for the same participant, and forgets a closed peer', async () => {
    const pool = await pools.open();
    const room = await pool.createRoom('s');
    const peer = room.createPeer('alice');
    expect(await codeOf(() => room.createPeer('alice'))).toBe('INVALID_STATE');
    expect(room.getPeer('alice')).toBe(peer);

    peer.close();
    peer.close();
    expect(room.getPeer('alice')).toBeUndefined();
    expect(room.createPeer('alice')).not.toBe(peer);
  });

  it('closes its rooms and workers on pool close, safely twice', async () => {
    const pool = await pools.open();
    const room = await pool.createRoom('s');
    const closed = nextEvent(room, 'close');
    const first = pool.close();
    expect(pool.close()).toBe(first);
    await first;
    expect(await closed).toEqual({ reason: 'closed' });
    expect(pool.workers()).toEqual([]);
    expect(await codeOf(() => pool.createRoom('t'))).toBe('INVALID_STATE');
  });

  it('exports frozen codecs that rooms do not share', () => {
    expect(Object.isFrozen(mediaCodecs)).toBe(true);
    expect(Object.isFrozen(mediaCodecs[0])).toBe(true);
    expect(mediaCodecs.map((c) => c.mimeType)).toEqual(['audio/opus', 'video/VP8', 'video/H264']);
  });

  it('rejects an unusable config before starting any worker', async () => {
    await expect(pools.open({ rtcMinPort: 50000, rtcMaxPort: 40000 })).rejects.toThrow(
      /rtcMinPort/,
    );
    await expect(pools.open({ numWorkers: 0 })).rejects.toThrow(/numWorkers/);
    await expect(pools.open({ enableUdp: false, enableTcp: false })).rejects.toThrow(/enableUdp/);
    await expect(pools.open({ listenIp: '0.0.0.0' })).rejects.toThrow(/announcedAddress/);
    await expect(pools.open({ socketBufferBytes: 100 })).rejects.toThrow(/socketBufferBytes/);
  });
});

describe('placement', () => {
  it('puts each room on the least loaded of two workers (consumers + ROOM_WEIGHT x rooms)', async () => {
    const pool = await pools.open({ numWorkers: 2 });
    const [w0, w1] = pool.workers().map((w) => w.pid);
    expect(w0).not.toBe(w1);
    /** Creates a room and answers the pid of the worker that took it. */
    const place = async (roomId: string): Promise<number | undefined> => {
      const before = pool.workers();
      await pool.createRoom(roomId);
      return pool.workers().find((w, i) => w.rooms > (before[i]?.rooms ?? 0))?.pid;
    };

    expect(await place('a')).toBe(w0);
    expect(await place('b')).toBe(w1);

    // Two consumers in room a make worker 0 heavier than worker 1 at equal room counts.
    const room = pool.getRoom('a')!;
    const alice = await join(room, 'alice');
    const bob = await join(room, 'bob');
    const mic = (transportId: string) =>
      ({ transportId, kind: 'audio', source: 'mic', rtpParameters: opusParameters() }) as const;
    const aliceMic = await alice.peer.produce(mic(alice.send.id));
    const bobMic = await bob.peer.produce(mic(bob.send.id));
    await bob.peer.consume(aliceMic.producerId);
    await alice.peer.consume(bobMic.producerId);
    expect(pool.workers()).toEqual([
      { pid: w0, rooms: 1, consumers: 2 },
      { pid: w1, rooms: 1, consumers: 0 },
    ]);

    expect(await place('c')).toBe(w1);
    // Worker 1 now weighs 2 x ROOM_WEIGHT, worker 0 ROOM_WEIGHT + 2.
    expect(await place('d')).toBe(w0);
    expect(pool.workers().map((w) => w.rooms)).toEqual([2, 2]);
    expect(ROOM_WEIGHT).toBeGreaterThan(2);
  });
});
