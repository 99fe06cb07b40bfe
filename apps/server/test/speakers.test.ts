import * as mediasoup from 'mediasoup';
import type { types as ms } from 'mediasoup';
import { Device, type types } from 'mediasoup-client';
import type { ConsumerOptions, TransportOptions } from '@haven/protocol';
import { SPEAKER_PRIORITY } from '@haven/sfu';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installWebRtcGlobals, SyntheticMedia } from '../bench/lib/wrtc-client.js';
import { startServer, type TestServer } from './helpers/server.js';
import type { TestClient } from './helpers/client.js';
import { setUpMedia } from './helpers/media.js';
import {
  admittedGroup,
  seedClinic,
  staffClient,
  waitingPatient,
  type Clinic,
} from './helpers/clinic.js';

/**
 * A microphone the way a browser sends one: mediasoup-client on libwebrtc (@roamhq/wrtc),
 * real ICE and DTLS to the server's worker, Opus with the audio level in every packet.
 */
async function speak(client: TestClient): Promise<{ producerId: string; stop: () => void }> {
  installWebRtcGlobals();
  const device = await Device.factory({ handlerName: 'Chrome111' });
  const { routerRtpCapabilities } = await client.ok('media:capabilities', {});
  await device.load({ routerRtpCapabilities: routerRtpCapabilities as types.RtpCapabilities });
  await client.ok('media:ready', { rtpCapabilities: device.recvRtpCapabilities });
  const options: TransportOptions = await client.ok('media:createTransport', { direction: 'send' });
  const send = device.createSendTransport(options as unknown as types.TransportOptions);
  send.on('connect', ({ dtlsParameters }, done, fail) => {
    client.ok('media:connectTransport', { transportId: send.id, dtlsParameters }).then(done, fail);
  });
  send.on('produce', ({ kind, rtpParameters }, done, fail) => {
    client
      .ok('media:produce', { transportId: send.id, kind, source: 'mic', rtpParameters })
      .then(({ producerId }) => done({ id: producerId }), fail);
  });
  const media = new SyntheticMedia();
  const producer = await send.produce({ track: media.audio as never });
  const stop = () => {
    media.stop();
    send.close();
  };
  return { producerId: producer.id, stop };
}

describe('active speaker', () => {
  let server: TestServer;
  let clinic: Clinic;
  const open: TestClient[] = [];
  const stops: (() => void)[] = [];
  const consumers = new Map<string, ms.Consumer>();
  // The server runs in this process: mediasoup's observer shows its consumers.
  const onConsumer = (c: ms.Consumer) => void consumers.set(c.id, c);
  const onTransport = (t: ms.Transport) => void t.observer.on('newconsumer', onConsumer);
  const onRouter = (r: ms.Router) => void r.observer.on('newtransport', onTransport);
  const onWorker = (w: ms.Worker) => void w.observer.on('newrouter', onRouter);

  beforeEach(async () => {
    mediasoup.observer.on('newworker', onWorker);
    server = await startServer();
    clinic = await seedClinic(server);
  });
  afterEach(async () => {
    for (const stop of stops.splice(0)) stop();
    for (const c of open.splice(0)) c.close();
    mediasoup.observer.off('newworker', onWorker);
    consumers.clear();
    await server.close();
  });

  it('is told to the admitted, not the waiting room, and its audio goes first', async () => {
    const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
    const p1 = await waitingPatient(server, clinic, 0);
    const p2 = await waitingPatient(server, clinic, 1);
    open.push(lead.client, p1.client, p2.client);
    await lead.client.ok('mod:admit', { participantId: p1.participantId });
    await p1.client.waitFor('room:snapshot');

    const speaker = await speak(p1.client);
    stops.push(speaker.stop);
    await setUpMedia(lead.client);
    const mic = await lead.client.waitFor<{ producerId: string }>('media:newProducer');
    const consumed: ConsumerOptions = await lead.client.ok('media:consume', {
      producerId: mic.producerId,
    });
    await lead.client.ok('media:resumeConsumer', { consumerId: consumed.consumerId });

    const told = await lead.client.waitFor<{ participantId: string | null }>(
      'room:activeSpeaker',
      (e) => e.participantId === p1.participantId,
      10_000,
    );
    expect(told.participantId).toBe(p1.participantId);
    await p1.client.waitFor<{ participantId: string | null }>(
      'room:activeSpeaker',
      (e) => e.participantId === p1.participantId,
    );
    await expect.poll(() => consumers.get(consumed.consumerId)?.priority).toBe(SPEAKER_PRIORITY);
    expect(p2.client.events('room:activeSpeaker')).toEqual([]);

    // Admitted later: the snapshot names the speaker; the mic closing ends it.
    await lead.client.ok('mod:admit', { participantId: p2.participantId });
    const snapshot = await p2.client.waitFor<{ activeSpeakerId: string | null }>('room:snapshot');
    expect(snapshot.activeSpeakerId).toBe(p1.participantId);
    await p1.client.ok('media:closeProducer', { producerId: speaker.producerId });
    await p2.client.waitFor<{ participantId: string | null }>(
      'room:activeSpeaker',
      (e) => e.participantId === null,
    );
  });

  it('is kept per space: a step-out pair and the group each hear their own, never the other', async () => {
    const { lead, p1, p2, clients } = await admittedGroup(server, clinic);
    open.push(...clients);
    type Told = { participantId: string | null };
    const named = (c: TestClient) =>
      (c.events('room:activeSpeaker') as Told[]).map((e) => e.participantId);
    await lead.client.ok('mod:stepOut', { participantId: p1.participantId });

    stops.push((await speak(p1.client)).stop);
    await lead.client.waitFor<Told>(
      'room:activeSpeaker',
      (e) => e.participantId === p1.participantId,
      10_000,
    );
    // Meanwhile the group has a speaker of its own, told to the group only.
    stops.push((await speak(p2.client)).stop);
    await p2.client.waitFor<Told>(
      'room:activeSpeaker',
      (e) => e.participantId === p2.participantId,
      10_000,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(named(p2.client)).not.toContain(p1.participantId);
    expect(named(lead.client)).not.toContain(p2.participantId);
    expect(named(p1.client)).not.toContain(p2.participantId);

    // Back in the group, the pair is told the group's speaker at once.
    await lead.client.ok('mod:return', {});
    for (const c of [lead.client, p1.client]) {
      await c.waitFor<Told>('room:activeSpeaker', (e) => e.participantId === p2.participantId);
    }
  });
});
