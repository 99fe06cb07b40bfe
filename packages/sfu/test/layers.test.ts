import { describe, expect, it } from 'vitest';
import { observer, type types } from 'mediasoup';
import type { LayersWanted, RoomMedia } from '../src/index.js';
import { BROWSER_KEY_FRAME_INTERVAL_MS } from '../src/shared.js';
import {
  join,
  opusParameters,
  produceCamera,
  usePools,
  vp8SimulcastParameters,
} from './helpers.js';

const pools = usePools();

/** Every consumer the workers make, by id: what mediasoup itself was told. */
const inWorker = new Map<string, types.Consumer>();
observer.on('newworker', (worker) =>
  worker.observer.on('newrouter', (router) =>
    router.observer.on('newtransport', (transport) =>
      transport.observer.on('newconsumer', (consumer) => void inWorker.set(consumer.id, consumer)),
    ),
  ),
);
/** Short, so lowering can be waited for; long enough to see that it is not immediate. */
const DELAY_MS = 150;
const held = () => new Promise((resolve) => setTimeout(resolve, DELAY_MS * 2));

/** A room whose layersWanted events are kept in order, with a camera producer of alice's. */
async function cameraRoom() {
  const pool = await pools.open({ layerDropDelayMs: DELAY_MS });
  const room = await pool.createRoom('s');
  const told: LayersWanted[] = [];
  room.on('layersWanted', (e) => void told.push(e));
  const alice = await join(room, 'alice');
  const { producerId } = await produceCamera(alice);
  const layers = () => told.filter((e) => e.producerId === producerId).map((e) => e.spatialLayer);
  return { room, told, alice, producerId, layers };
}

/** A viewer whose consumer of `producerId` is resumed, as a tile in view does at once. */
async function viewer(room: RoomMedia, id: string, producerId: string) {
  const v = await join(room, id);
  const { consumerId } = await v.peer.consume(producerId);
  await v.peer.resumeConsumer(consumerId);
  return { ...v, consumerId };
}

describe('layers wanted of a simulcast producer', () => {
  it('drops to the lowest layer, after the delay, while nobody receives it', async () => {
    const { told, producerId, layers } = await cameraRoom();
    expect(layers()).toEqual([]);
    await held();
    expect(told).toEqual([{ peerId: 'alice', producerId, spatialLayer: 0 }]);
  });

  it('counts a new viewer at the lowest layer until it chooses one (or for the delay)', async () => {
    const { room, producerId, layers } = await cameraRoom();
    await held();
    const bob = await join(room, 'bob');
    const { consumerId } = await bob.peer.consume(producerId);
    expect(room.layersWanted(producerId)).toBe(0);
    await bob.peer.resumeConsumer(consumerId);
    expect(room.layersWanted(producerId)).toBe(0);
    // A middle-sized tile: its choice is told at once, and the top layer is never asked for.
    await bob.peer.setPreferredLayers(consumerId, 1);
    expect(layers()).toEqual([0, 1]);
    // A viewer that never chooses counts at its preference, the top, once the delay is over.
    await viewer(room, 'carol', producerId);
    expect(layers()).toEqual([0, 1]);
    await held();
    expect(layers()).toEqual([0, 1, 2]);
  });

  it('follows the highest preference of the consumers not paused, lowering after the delay', async () => {
    const { room, producerId, layers } = await cameraRoom();
    const bob = await viewer(room, 'bob', producerId);
    const carol = await viewer(room, 'carol', producerId);
    await bob.peer.setPreferredLayers(bob.consumerId, 1);
    await carol.peer.setPreferredLayers(carol.consumerId, 0);
    expect(layers()).toEqual([]);
    await held();
    expect(layers()).toEqual([1]);

    await bob.peer.pauseConsumer(bob.consumerId);
    expect(room.layersWanted(producerId)).toBe(0);
    await held();
    expect(layers()).toEqual([1, 0]);

    await bob.peer.resumeConsumer(bob.consumerId);
    expect(layers()).toEqual([1, 0, 1]);
    await carol.peer.setPreferredLayers(carol.consumerId, 2);
    expect(layers()).toEqual([1, 0, 1, 2]);
  });

  it('does not flap when a preference goes down and back up within the delay', async () => {
    const { room, producerId, layers } = await cameraRoom();
    const bob = await viewer(room, 'bob', producerId);
    await bob.peer.setPreferredLayers(bob.consumerId, 0);
    await bob.peer.setPreferredLayers(bob.consumerId, 1);
    await bob.peer.setPreferredLayers(bob.consumerId, 2);
    await held();
    expect(layers()).toEqual([]);
  });

  it("lowers when a consumer closes or its viewer leaves, and a new viewer's choice raises it", async () => {
    const { room, producerId, layers } = await cameraRoom();
    const bob = await viewer(room, 'bob', producerId);
    const carol = await viewer(room, 'carol', producerId);
    await carol.peer.setPreferredLayers(carol.consumerId, 1);
    bob.peer.closeConsumersOfPeer('alice');
    await held();
    expect(layers()).toEqual([1]);
    carol.peer.close();
    await held();
    expect(layers()).toEqual([1, 0]);
    const dave = await viewer(room, 'dave', producerId);
    await dave.peer.setPreferredLayers(dave.consumerId, 2);
    expect(layers()).toEqual([1, 0, 2]);
  });

  it("holds a consumer that forwards nothing at the lowest layer; its viewer's choice counts at once", async () => {
    const { room, producerId, layers } = await cameraRoom();
    const bob = await viewer(room, 'bob', producerId);
    const consumer = inWorker.get(bob.consumerId);
    // Until the viewer asks, it is meant for the top layer, but mediasoup starts it at the
    // lowest: the one layer every camera always sends.
    expect(bob.peer.consumer(bob.consumerId)?.preferredLayers).toEqual({ spatialLayer: 2 });
    expect(consumer?.preferredLayers?.spatialLayer).toBe(0);

    await bob.peer.setPreferredLayers(bob.consumerId, 1, 1);
    expect(room.layersWanted(producerId)).toBe(1);
    await held();
    expect(layers()).toEqual([1]);
    expect(bob.peer.consumer(bob.consumerId)?.preferredLayers).toEqual({
      spatialLayer: 1,
      temporalLayer: 1,
    });
    // No frame has been forwarded (no media flows here), so mediasoup still holds it.
    expect(consumer?.currentLayers).toBeUndefined();
    expect(consumer?.preferredLayers?.spatialLayer).toBe(0);
  });

  it("moves a held consumer to its viewer's layer once its camera would answer another key frame request", async () => {
    const { room, producerId } = await cameraRoom();
    const bob = await viewer(room, 'bob', producerId);
    await bob.peer.setPreferredLayers(bob.consumerId, 1);
    const consumer = inWorker.get(bob.consumerId)!;
    // mediasoup reports the first frame it forwarded, at the held layer (no media flows
    // here, so the test says it). The camera answered a key frame request for it just now.
    consumer.emit('layerschange', { spatialLayer: 0, temporalLayer: 0 });
    const firstFrame = performance.now();
    await Promise.resolve();
    expect(consumer.preferredLayers?.spatialLayer).toBe(0);
    await expect
      .poll(() => consumer.preferredLayers?.spatialLayer, { interval: 10, timeout: 3000 })
      .toBe(1);
    expect(performance.now() - firstFrame).toBeGreaterThanOrEqual(BROWSER_KEY_FRAME_INTERVAL_MS);
    // Starved (forwarding nothing) it is held again, and waits again after its next frame.
    consumer.emit('layerschange', undefined);
    await expect
      .poll(() => consumer.preferredLayers?.spatialLayer, { interval: 10, timeout: 3000 })
      .toBe(0);
    consumer.emit('layerschange', { spatialLayer: 0, temporalLayer: 0 });
    const again = performance.now();
    await expect
      .poll(() => consumer.preferredLayers?.spatialLayer, { interval: 10, timeout: 3000 })
      .toBe(1);
    expect(performance.now() - again).toBeGreaterThanOrEqual(BROWSER_KEY_FRAME_INTERVAL_MS);
  });

  it('leaves microphones and single-encoding screens alone, and is quiet once closed', async () => {
    const { room, told, alice, producerId } = await cameraRoom();
    const screen = vp8SimulcastParameters();
    screen.encodings = [{ ssrc: 22_222_222, maxBitrate: 1_500_000 }];
    const bob = await join(room, 'bob');
    await bob.peer.produce({
      transportId: bob.send.id,
      kind: 'audio',
      source: 'mic',
      rtpParameters: opusParameters(),
    });
    await bob.peer.produce({
      transportId: bob.send.id,
      kind: 'video',
      source: 'screen',
      rtpParameters: screen,
    });
    await held();
    expect(told).toEqual([{ peerId: 'alice', producerId, spatialLayer: 0 }]);

    const { consumerId } = await bob.peer.consume(producerId);
    await bob.peer.resumeConsumer(consumerId);
    await bob.peer.setPreferredLayers(consumerId, 2);
    await bob.peer.setPreferredLayers(consumerId, 0);
    alice.peer.closeProducer(producerId);
    room.close();
    await held();
    expect(told.map((e) => e.spatialLayer)).toEqual([0, 2]);
  });
});
