import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeOf, dtlsParameters, join, opusParameters, usePools } from './helpers.js';

const pools = usePools();

describe('transports', () => {
  it('creates send and recv transports with the options mediasoup-client needs', async () => {
    const pool = await pools.open();
    const room = await pool.createRoom('s');
    const peer = room.createPeer('alice');
    const send = await peer.createTransport('send');
    const recv = await peer.createTransport('recv');

    expect(send.id).not.toBe(recv.id);
    for (const options of [send, recv]) {
      expect(Object.keys(options).sort()).toEqual([
        'dtlsParameters',
        'iceCandidates',
        'iceParameters',
        'id',
      ]);
      expect(options.iceParameters.usernameFragment.length).toBeGreaterThan(0);
      expect(options.iceParameters.password.length).toBeGreaterThan(0);
      expect(options.dtlsParameters.fingerprints.length).toBeGreaterThan(0);
      // UDP preferred (listed and prioritised first), TCP allowed, on the configured address and ports.
      expect(options.iceCandidates.map((c) => c.protocol)).toEqual(['udp', 'tcp']);
      const [udp, tcp] = options.iceCandidates;
      expect(udp!.priority).toBeGreaterThan(tcp!.priority);
      for (const candidate of options.iceCandidates) {
        expect(candidate.address).toBe('127.0.0.1');
        expect(candidate.port).toBeGreaterThanOrEqual(46000);
        expect(candidate.port).toBeLessThanOrEqual(46999);
      }
    }
  });

  it('announces the configured public address, and honours enableTcp: false', async () => {
    const pool = await pools.open({ announcedAddress: 'media.example.org', enableTcp: false });
    const room = await pool.createRoom('s');
    const send = await room.createPeer('alice').createTransport('send');
    expect(send.iceCandidates).toHaveLength(1);
    expect(send.iceCandidates[0]).toMatchObject({ protocol: 'udp', address: 'media.example.org' });
  });

  it('gives each transport socket the configured kernel buffers', async () => {
    const bytes = 1 << 20;
    const pool = await pools.open({ socketBufferBytes: bytes, enableTcp: false });
    const send = await (await pool.createRoom('s')).createPeer('alice').createTransport('send');
    const port = send.iceCandidates[0]!.port;
    // `ss` shows the socket's memory limits; Linux doubles what setsockopt asks for, up to
    // twice net.core.rmem_max / wmem_max.
    const skmem = execFileSync('ss', ['-uanmH', 'sport', '=', `:${port}`], { encoding: 'utf8' });
    const limit = (name: string): number =>
      2 * Math.min(bytes, Number(fs.readFileSync(`/proc/sys/net/core/${name}`, 'utf8')));
    expect(Number(/\brb(\d+)/.exec(skmem)?.[1])).toBe(limit('rmem_max'));
    expect(Number(/\btb(\d+)/.exec(skmem)?.[1])).toBe(limit('wmem_max'));
  });

  it('connects once with valid DTLS fingerprints; a second connect is INVALID_STATE', async () => {
    const pool = await pools.open();
    const room = await pool.createRoom('s');
    const { peer, send, recv } = await join(room, 'alice');

    await peer.connectTransport(send.id, dtlsParameters());
    await peer.connectTransport(recv.id, dtlsParameters());
    expect(await codeOf(() => peer.connectTransport(send.id, dtlsParameters()))).toBe(
      'INVALID_STATE',
    );
    // Concurrent connects: exactly one wins.
    const other = await room.createPeer('bob').createTransport('send');
    const bob = room.getPeer('bob')!;
    const codes = await Promise.all([
      codeOf(() => bob.connectTransport(other.id, dtlsParameters())),
      codeOf(() => bob.connectTransport(other.id, dtlsParameters())),
    ]);
    expect(codes.sort()).toEqual(['INVALID_STATE', undefined]);
  });

  it("connects a transport as it makes it when given the client's DTLS parameters", async () => {
    const pool = await pools.open();
    const room = await pool.createRoom('s');
    const peer = room.createPeer('alice');
    const recv = await peer.createTransport('recv', dtlsParameters());
    // mediasoup took the client's role, so its own side answers as the DTLS server.
    expect(recv.dtlsParameters.role).toBe('server');
    expect(await codeOf(() => peer.connectTransport(recv.id, dtlsParameters()))).toBe(
      'INVALID_STATE',
    );
    // Parameters mediasoup refuses fail the request (the wire schema refuses these first).
    expect(await codeOf(() => peer.createTransport('send', { fingerprints: [] }))).toBe(
      'MEDIA_ERROR',
    );
    const send = await peer.createTransport('send');
    expect(await codeOf(() => peer.connectTransport(send.id, dtlsParameters()))).toBeUndefined();
  });

  it('refuses DTLS parameters mediasoup rejects with MEDIA_ERROR, and allows a retry', async () => {
    const pool = await pools.open();
    const room = await pool.createRoom('s');
    const { peer, send } = await join(room, 'alice');
    // The wire schema refuses this first; the SFU must still hold if it gets through.
    const code = await codeOf(() => peer.connectTransport(send.id, { fingerprints: [] }));
    expect(code).toBe('MEDIA_ERROR');
    await peer.connectTransport(send.id, dtlsParameters());
  });

  it('restarts ICE with new credentials', async () => {
    const pool = await pools.open();
    const room = await pool.createRoom('s');
    const { peer, send } = await join(room, 'alice');
    const ice = await peer.restartIce(send.id);
    expect(ice.usernameFragment).not.toBe(send.iceParameters.usernameFragment);
    expect(ice.password).not.toBe(send.iceParameters.password);
  });

  it("answers NOT_FOUND for an unknown transport or another peer's", async () => {
    const pool = await pools.open();
    const room = await pool.createRoom('s');
    const alice = await join(room, 'alice');
    const bob = await join(room, 'bob');
    expect(await codeOf(() => alice.peer.connectTransport('nope', dtlsParameters()))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(() => alice.peer.connectTransport(bob.send.id, dtlsParameters()))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(() => alice.peer.restartIce(bob.recv.id))).toBe('NOT_FOUND');
  });

  it('replaces the transport of a direction, closing what ran on the old one', async () => {
    const pool = await pools.open();
    const room = await pool.createRoom('s');
    const { peer, send } = await join(room, 'alice');
    const mic = await peer.produce({
      transportId: send.id,
      kind: 'audio',
      source: 'mic',
      rtpParameters: opusParameters(),
    });
    const closed: string[] = [];
    peer.on('producerClosed', ({ producerId }) => closed.push(producerId));

    const replacement = await peer.createTransport('send');

    expect(closed).toEqual([mic.producerId]);
    expect(peer.producers()).toEqual([]);
    expect(await codeOf(() => peer.connectTransport(send.id, dtlsParameters()))).toBe('NOT_FOUND');
    await peer.connectTransport(replacement.id, dtlsParameters());
  });

  it('adopts no producer made on a transport replaced while it was being made', async () => {
    const pool = await pools.open();
    const room = await pool.createRoom('s');
    const { peer, send } = await join(room, 'alice');
    // The replacement is asked for first; the old transport closes while the worker
    // still makes the producer on it.
    const replacing = peer.createTransport('send');
    const producing = peer.produce({
      transportId: send.id,
      kind: 'audio',
      source: 'mic',
      rtpParameters: opusParameters(),
    });
    const replacement = await replacing;
    expect(await codeOf(() => producing)).toBe('INVALID_STATE');
    expect(peer.producers()).toEqual([]);
    // The microphone can start on the new transport: no ghost holds its place.
    await peer.connectTransport(replacement.id, dtlsParameters());
    const mic = await peer.produce({
      transportId: replacement.id,
      kind: 'audio',
      source: 'mic',
      rtpParameters: opusParameters(),
    });
    expect(peer.producers().map((p) => p.producerId)).toEqual([mic.producerId]);
  });

  it('refuses everything once the peer is closed', async () => {
    const pool = await pools.open();
    const room = await pool.createRoom('s');
    const { peer, send } = await join(room, 'alice');
    peer.close();
    expect(await codeOf(() => peer.createTransport('send'))).toBe('INVALID_STATE');
    expect(await codeOf(() => peer.connectTransport(send.id, dtlsParameters()))).toBe(
      'INVALID_STATE',
    );
    expect(await codeOf(() => peer.setRtpCapabilities(room.rtpCapabilities))).toBe('INVALID_STATE');
  });
});
