import { describe, expect, it } from 'vitest';
import type { RoomMedia } from '../src/index.js';
import {
  codeOf,
  iceCheck,
  join,
  nextEvent,
  produceCamera,
  opusParameters,
  usePools,
  type Participant,
} from './helpers.js';

const pools = usePools();

async function twoPeers(): Promise<{ room: RoomMedia; alice: Participant; bob: Participant }> {
  const pool = await pools.open();
  const room = await pool.createRoom('s');
  return { room, alice: await join(room, 'alice'), bob: await join(room, 'bob') };
}

const mic = (p: Participant) =>
  p.peer.produce({
    transportId: p.send.id,
    kind: 'audio',
    source: 'mic',
    rtpParameters: opusParameters(),
  });
const camera = produceCamera;

describe('produce and consume', () => {
  it('produces Opus and simulcast VP8, listed on the peer and the room', async () => {
    const { room, alice } = await twoPeers();
    const audio = await mic(alice);
    const video = await camera(alice);

    expect(audio).toEqual({
      producerId: audio.producerId,
      participantId: 'alice',
      kind: 'audio',
      source: 'mic',
      paused: false,
    });
    expect(video).toMatchObject({ participantId: 'alice', kind: 'video', source: 'camera' });
    expect(alice.peer.producer(video.producerId)).toEqual(video);
    expect(
      room
        .producers()
        .map((p) => p.producerId)
        .sort(),
    ).toEqual([audio.producerId, video.producerId].sort());
  });

  it('consumes another peer’s producers, paused, and resumes on request', async () => {
    const { alice, bob } = await twoPeers();
    const audio = await mic(alice);

    const options = await bob.peer.consume(audio.producerId);
    expect(options).toMatchObject({
      producerId: audio.producerId,
      participantId: 'alice',
      kind: 'audio',
      source: 'mic',
      producerPaused: false,
    });
    expect(options.rtpParameters.codecs[0]?.mimeType).toBe('audio/opus');
    expect(options.paused).toBe(true);
    expect(bob.peer.consumer(options.consumerId)?.paused).toBe(true);

    await bob.peer.resumeConsumer(options.consumerId);
    expect(bob.peer.consumer(options.consumerId)?.paused).toBe(false);
    await bob.peer.pauseConsumer(options.consumerId);
    expect(bob.peer.consumer(options.consumerId)?.paused).toBe(true);
  });

  it('starts a consumer resumed on request, only while its transport has seen no ICE check', async () => {
    const { room, alice, bob } = await twoPeers();
    const audio = await mic(alice);
    const video = await camera(alice);

    const flowing = await bob.peer.consume(audio.producerId, { paused: false });
    expect(flowing.paused).toBe(false);
    expect(bob.peer.consumer(flowing.consumerId)?.paused).toBe(false);
    // A resumed camera consumer counts for its camera's layers at once.
    const cameraOptions = await bob.peer.consume(video.producerId, { paused: false });
    expect(bob.peer.consumer(cameraOptions.consumerId)?.paused).toBe(false);

    const carol = await join(room, 'carol');
    await iceCheck(carol.recv);
    // The worker answered the check; its notice of the new ICE state follows on its channel.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await codeOf(() => carol.peer.consume(audio.producerId, { paused: false }))).toBe(
      'INVALID_STATE',
    );
    // Paused, as always, it may still consume there.
    const paused = await carol.peer.consume(audio.producerId);
    expect(paused.paused).toBe(true);
  });

  it('means a simulcast consumer for the top layer and lets the receiver lower it', async () => {
    const { alice, bob } = await twoPeers();
    const video = await camera(alice);
    const { consumerId } = await bob.peer.consume(video.producerId);
    expect(bob.peer.consumer(consumerId)?.preferredLayers).toEqual({ spatialLayer: 2 });

    await bob.peer.setPreferredLayers(consumerId, 0, 1);
    expect(bob.peer.consumer(consumerId)?.preferredLayers).toEqual({
      spatialLayer: 0,
      temporalLayer: 1,
    });
    await bob.peer.setPreferredLayers(consumerId, 1);
    expect(bob.peer.consumer(consumerId)?.preferredLayers?.spatialLayer).toBe(1);

    const audio = await mic(alice);
    const audioConsumer = await bob.peer.consume(audio.producerId);
    expect(await codeOf(() => bob.peer.setPreferredLayers(audioConsumer.consumerId, 0))).toBe(
      'INVALID_STATE',
    );
  });

  it('tells the consumer side when the producer is paused, resumed and closed', async () => {
    const { alice, bob } = await twoPeers();
    const audio = await mic(alice);
    const { consumerId } = await bob.peer.consume(audio.producerId);

    const paused = nextEvent(bob.peer, 'consumerPaused');
    await alice.peer.pauseProducer(audio.producerId);
    expect(await paused).toEqual({ consumerId });
    expect(alice.peer.producer(audio.producerId)?.paused).toBe(true);
    expect(bob.peer.consumer(consumerId)?.producerPaused).toBe(true);

    const resumed = nextEvent(bob.peer, 'consumerResumed');
    await alice.peer.resumeProducer(audio.producerId);
    expect(await resumed).toEqual({ consumerId });

    const consumerClosed = nextEvent(bob.peer, 'consumerClosed');
    const producerClosed = nextEvent(alice.peer, 'producerClosed');
    alice.peer.closeProducer(audio.producerId);
    expect(await producerClosed).toEqual({ producerId: audio.producerId });
    expect(await consumerClosed).toEqual({ consumerId, producerId: audio.producerId });
    expect(bob.peer.consumers()).toEqual([]);
    expect(alice.peer.producers()).toEqual([]);
    expect(await codeOf(() => bob.peer.consume(audio.producerId))).toBe('NOT_FOUND');
  });

  it('reports a new consumer of a paused producer as producerPaused', async () => {
    const { alice, bob } = await twoPeers();
    const audio = await mic(alice);
    await alice.peer.pauseProducer(audio.producerId);
    expect((await bob.peer.consume(audio.producerId)).producerPaused).toBe(true);
  });

  it('closeConsumersOfPeer stops receiving one peer only, with consumerClosed events', async () => {
    const { room, alice, bob } = await twoPeers();
    const carol = await join(room, 'carol');
    const aliceAudio = await mic(alice);
    const aliceVideo = await camera(alice);
    const carolAudio = await mic(carol);
    const a1 = await bob.peer.consume(aliceAudio.producerId);
    const a2 = await bob.peer.consume(aliceVideo.producerId);
    const c1 = await bob.peer.consume(carolAudio.producerId);
    const closed: string[] = [];
    bob.peer.on('consumerClosed', ({ consumerId }) => closed.push(consumerId));

    bob.peer.closeConsumersOfPeer('alice');

    expect(closed.sort()).toEqual([a1.consumerId, a2.consumerId].sort());
    expect(bob.peer.consumers().map((c) => c.consumerId)).toEqual([c1.consumerId]);
    // Alice's producers are untouched and can be consumed again later.
    expect(alice.peer.producers()).toHaveLength(2);
    await bob.peer.consume(aliceAudio.producerId);
  });

  it('closing a peer closes its producers for everyone, quietly on its own side', async () => {
    const { room, alice, bob } = await twoPeers();
    const audio = await mic(alice);
    const { consumerId } = await bob.peer.consume(audio.producerId);
    await alice.peer.consume((await mic(bob)).producerId);
    const aliceEvents: string[] = [];
    alice.peer.on('producerClosed', () => aliceEvents.push('producerClosed'));
    alice.peer.on('consumerClosed', () => aliceEvents.push('consumerClosed'));
    alice.peer.on('close', () => aliceEvents.push('close'));

    const bobSees = nextEvent(bob.peer, 'consumerClosed');
    alice.peer.close();
    alice.peer.close();

    expect(await bobSees).toEqual({ consumerId, producerId: audio.producerId });
    expect(aliceEvents).toEqual(['close']);
    expect(room.getPeer('alice')).toBeUndefined();
    expect(room.producers().map((p) => p.participantId)).toEqual(['bob']);
  });

  it('keeps SFU state consistent when application listeners throw', async () => {
    const { room, alice, bob } = await twoPeers();
    const audio = await mic(alice);
    await bob.peer.consume(audio.producerId);
    bob.peer.on('consumerClosed', () => {
      throw new Error('listener bug');
    });
    alice.peer.on('close', async () => {
      throw new Error('async listener bug');
    });
    const after = nextEvent(bob.peer, 'consumerClosed');

    alice.peer.close();

    expect((await after).producerId).toBe(audio.producerId);
    expect(bob.peer.consumers()).toEqual([]);
    expect(room.getPeer('alice')).toBeUndefined();
  });
});
