import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsumerOptions } from '@haven/protocol';
import { startServer, type TestServer } from './helpers/server.js';
import type { TestClient } from './helpers/client.js';
import { publish, setUpMedia } from './helpers/media.js';
import { admittedGroup, seedClinic, type Clinic } from './helpers/clinic.js';

type LayersWanted = { producerId: string; spatialLayer: number };

/**
 * A patient's camera is encoded only up to the layer someone receives: the server tells
 * the owner, through the real socket API and a real worker, as viewers change their minds.
 */
describe('simulcast layers wanted', () => {
  let server: TestServer;
  let clinic: Clinic;
  const open: TestClient[] = [];

  beforeEach(async () => {
    server = await startServer();
    clinic = await seedClinic(server);
  });
  afterEach(async () => {
    for (const c of open.splice(0)) c.close();
    await server.close();
  });

  /** A viewer of `producerId` whose tile is in view: consumed and resumed. */
  async function watch(viewer: TestClient, producerId: string): Promise<ConsumerOptions> {
    const consumer = await viewer.ok('media:consume', { producerId });
    await viewer.ok('media:resumeConsumer', { consumerId: consumer.consumerId });
    return consumer;
  }

  it('tells the owner the highest layer its viewers want, as they resize, pause and leave', async () => {
    const { lead, p1: owner, p2: other, clients } = await admittedGroup(server, clinic);
    open.push(...clients);
    await setUpMedia(lead.client);
    await setUpMedia(other.client);
    const { sendId } = await setUpMedia(owner.client);
    const { camId } = await publish(owner.client, sendId);
    const told = () =>
      owner.client
        .events('media:layersWanted')
        .map((e) => e as LayersWanted)
        .map((e) => (e.producerId === camId ? e.spatialLayer : `other ${e.producerId}`));
    const becomes = (layers: unknown[]) =>
      expect.poll(told, { timeout: 3000, interval: 50 }).toEqual(layers);
    // Well within the server's wait before lowering: only a raise arrives this soon.
    const atOnce = (layers: unknown[]) =>
      expect.poll(told, { timeout: 400, interval: 20 }).toEqual(layers);

    // Nobody watches: the smallest layer is enough, once that held for a moment.
    await becomes([0]);
    // A new viewer counts at the smallest layer until its tile's size is known; its
    // choice is told at once.
    const byLead = await watch(lead.client, camId);
    expect(told()).toEqual([0]);
    await lead.client.ok('media:setPreferredLayers', {
      consumerId: byLead.consumerId,
      spatialLayer: 1,
    });
    await atOnce([0, 1]);

    // A viewer that never says counts at the top once the server's wait is over.
    const byOther = await watch(other.client, camId);
    expect(told()).toEqual([0, 1]);
    await becomes([0, 1, 2]);
    await other.client.ok('media:setPreferredLayers', {
      consumerId: byOther.consumerId,
      spatialLayer: 0,
    });
    await becomes([0, 1, 2, 1]);

    // The lead's tile scrolls out of view, then back.
    await lead.client.ok('media:pauseConsumer', { consumerId: byLead.consumerId });
    await becomes([0, 1, 2, 1, 0]);
    await lead.client.ok('media:resumeConsumer', { consumerId: byLead.consumerId });
    await atOnce([0, 1, 2, 1, 0, 1]);

    await lead.client.ok('room:leave', {});
    await becomes([0, 1, 2, 1, 0, 1, 0]);
    // Only the owner is told, and only of its camera.
    expect(lead.client.events('media:layersWanted')).toEqual([]);
    expect(other.client.events('media:layersWanted')).toEqual([]);
  });
});
