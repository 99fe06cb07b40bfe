import { describe, expect, it } from 'vitest';
import type { RtpParameters } from '@haven/protocol';
import {
  codeOf,
  dtlsParameters,
  join,
  opusParameters,
  usePools,
  vp8SimulcastParameters,
} from './helpers.js';

const pools = usePools();

describe('malformed and out-of-order requests', () => {
  it('answers stable codes and leaves the worker serving', async () => {
    const pool = await pools.open();
    const pid = pool.workers()[0]!.pid;
    const room = await pool.createRoom('s');
    const alice = await join(room, 'alice');
    const bob = room.createPeer('bob');
    const audio = await alice.peer.produce({
      transportId: alice.send.id,
      kind: 'audio',
      source: 'mic',
      rtpParameters: opusParameters(),
    });
    const produceOn = (transportId: string, rtpParameters: RtpParameters = opusParameters()) =>
      alice.peer.produce({ transportId, kind: 'audio', source: 'mic', rtpParameters });

    // Consume before RTP capabilities, then before a recv transport.
    expect(await codeOf(() => bob.consume(audio.producerId))).toBe('INVALID_STATE');
    bob.setRtpCapabilities(room.rtpCapabilities);
    expect(await codeOf(() => bob.consume(audio.producerId))).toBe('INVALID_STATE');
    await bob.createTransport('recv');
    // Unknown producer; own producer; capabilities that cannot receive Opus.
    expect(await codeOf(() => bob.consume('no-such-producer'))).toBe('NOT_FOUND');
    expect(await codeOf(() => alice.peer.consume(audio.producerId))).toBe('INVALID_STATE');
    bob.setRtpCapabilities({ codecs: [] });
    expect(await codeOf(() => bob.consume(audio.producerId))).toBe('INVALID_STATE');
    bob.setRtpCapabilities(room.rtpCapabilities);
    const { consumerId } = await bob.consume(audio.producerId);
    expect(await codeOf(() => bob.consume(audio.producerId))).toBe('INVALID_STATE');

    // Produce on the recv transport, on someone else's transport, twice per source, wrong kind.
    expect(await codeOf(() => produceOn(alice.recv.id))).toBe('INVALID_STATE');
    expect(await codeOf(() => produceOn('no-such-transport'))).toBe('NOT_FOUND');
    expect(await codeOf(() => produceOn(alice.send.id))).toBe('INVALID_STATE');
    const wrongKind = alice.peer.produce({
      transportId: alice.send.id,
      kind: 'audio',
      source: 'camera',
      rtpParameters: vp8SimulcastParameters(),
    });
    expect(await codeOf(() => wrongKind)).toBe('BAD_REQUEST');

    // Parameters mediasoup refuses: a codec the router lacks, then nonsense.
    const bogusCodec = {
      ...vp8SimulcastParameters(),
      codecs: [{ mimeType: 'video/H265', payloadType: 100, clockRate: 90000 }],
    };
    const code = await codeOf(() =>
      alice.peer.produce({
        transportId: alice.send.id,
        kind: 'video',
        source: 'camera',
        rtpParameters: bogusCodec,
      }),
    );
    expect(code).toBe('MEDIA_ERROR');
    const nonsense = { codecs: [{ mimeType: 'x', payloadType: 1, clockRate: 1 }] } as RtpParameters;
    const screen = () =>
      alice.peer.produce({
        transportId: alice.send.id,
        kind: 'video',
        source: 'screen',
        rtpParameters: nonsense,
      });
    expect(await codeOf(screen)).toBe('MEDIA_ERROR');
    try {
      await screen();
    } catch (error) {
      // The client sees a stable, generic message; mediasoup's own words stay in the logs.
      expect((error as Error).message).toBe('produce: the media server refused the parameters');
    }

    // Another peer's objects look like unknown ones.
    expect(await codeOf(() => bob.pauseProducer(audio.producerId))).toBe('NOT_FOUND');
    expect(await codeOf(() => bob.closeProducer(audio.producerId))).toBe('NOT_FOUND');
    expect(await codeOf(() => alice.peer.resumeConsumer(consumerId))).toBe('NOT_FOUND');
    expect(await codeOf(() => alice.peer.setPreferredLayers(consumerId, 0))).toBe('NOT_FOUND');
    expect(await codeOf(() => bob.resumeConsumer('no-such-consumer'))).toBe('NOT_FOUND');
    expect(await codeOf(() => alice.peer.connectTransport(alice.send.id, dtlsParameters()))).toBe(
      undefined,
    );

    // The worker is alive and still serves the room and new rooms.
    expect(pool.workers().map((w) => w.pid)).toEqual([pid]);
    expect(() => process.kill(pid, 0)).not.toThrow();
    await bob.resumeConsumer(consumerId);
    const other = await pool.createRoom('t');
    await other.createPeer('carol').createTransport('send');
  });
});
