import type { ProducerInfo } from '@haven/protocol';
import { testFakeParameters } from 'mediasoup-client';
import { describe, expect, it } from 'vitest';
import type { LocalDtls } from './device';
import { LocalMedia } from './localMedia';
import { MediaSession } from './MediaSession';
import { fakeDeviceFactory, fakeDevices, fakeSfu, type FakeTrack } from './testing';
import type { CallAction } from './types';

const producer = (
  id: string,
  participantId: string,
  extra: Partial<ProducerInfo> = {},
): ProducerInfo => ({
  producerId: id,
  participantId,
  kind: 'audio',
  source: 'mic',
  paused: false,
  ...extra,
});

function setup(
  options: {
    producers?: ProducerInfo[];
    local?: LocalMedia;
    receiveVideo?: () => boolean;
    pageVisible?: () => boolean;
    localDtls?: () => Promise<LocalDtls | null>;
    lost?: () => void;
  } = {},
) {
  const sfu = fakeSfu(options.producers);
  const devices = fakeDeviceFactory();
  const actions: CallAction[] = [];
  const errors: unknown[] = [];
  const local =
    options.local ??
    new LocalMedia(() => undefined, {
      wants: { mic: false, camera: false },
      onLost: () => undefined,
    });
  const session = new MediaSession({
    request: sfu.request,
    dispatch: (action) => actions.push(action),
    selfId: () => 'me',
    local,
    createDevice: devices.createDevice,
    report: (error) => errors.push(error),
    lost: options.lost ?? (() => undefined),
    receiveVideo: options.receiveVideo ?? (() => true),
    pageVisible: options.pageVisible ?? (() => true),
    ...(options.localDtls && { localDtls: options.localDtls }),
  });
  const added = () => actions.filter((a) => a.type === 'trackAdded');
  return { sfu, actions, errors, session, added, camera: devices.camera };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/** LocalMedia whose devices hand out fake tracks. */
const fakeLocal = (wants: { mic: boolean; camera: boolean }) => ({
  local: new LocalMedia(() => fakeDevices, { wants, onLost: () => undefined }),
});

describe('MediaSession', () => {
  it('asks for the capabilities, has the server open its receiving side in one request, then sends', async () => {
    const { sfu, session, errors } = setup();
    await session.start();
    expect(sfu.sent.map((r) => [r.name, (r.payload as { direction?: string }).direction])).toEqual([
      ['media:capabilities', undefined],
      ['media:ready', undefined],
      ['media:createTransport', 'send'],
    ]);
    expect(sfu.sent[1]?.payload).toHaveProperty('rtpCapabilities.codecs');
    expect(sfu.sent[1]?.payload).toHaveProperty('receive', true);
    expect(errors).toEqual([]);
    session.close();
  });

  it('asks for new transports when a failed link cannot be restarted', async () => {
    let lost = 0;
    const { session, errors } = setup({ lost: () => (lost += 1) });
    await session.start();
    // The link fails and the server cannot restart it (the scripted server refuses).
    const transport = (
      session as unknown as { recvTransport: { emit(e: string, s: string): void } }
    ).recvTransport;
    transport.emit('connectionstatechange', 'failed');
    await settle();
    expect(errors).toHaveLength(1);
    expect(lost).toBe(1);
  });

  it('sets up the consumers the server made for the others, never its own, flowing from the start', async () => {
    const { sfu, session, added } = setup({
      producers: [
        producer('p1', 'a'),
        producer('p2', 'me'),
        producer('p3', 'b', { kind: 'video', source: 'camera', paused: true }),
      ],
    });
    await session.start();
    await settle();
    // Made by media:ready, flowing at once: nothing to ask for one at a time.
    expect(sfu.sent.find((r) => r.name === 'media:ready')?.payload).toHaveProperty('flowing', [
      'mic',
      'screen',
      'camera',
    ]);
    expect(sfu.names()).not.toContain('media:consume');
    expect(sfu.names()).not.toContain('media:resumeConsumer');
    const tracks = added().map((a) => (a.type === 'trackAdded' ? a.track : null));
    expect(tracks.map((t) => [t?.participantId, t?.source, t?.paused])).toEqual([
      ['b', 'camera', true],
      ['a', 'mic', false],
    ]);
    session.close();
  });

  it('with a certificate made ahead, has the server connect each transport as it makes it', async () => {
    const made = testFakeParameters.generateLocalDtlsParameters();
    const dtlsParameters = {
      role: 'client' as const,
      fingerprints: made.fingerprints.map((f) => ({
        algorithm: 'sha-256' as const,
        value: f.value,
      })),
    };
    const certificate = {} as RTCCertificate;
    const { local } = fakeLocal({ mic: true, camera: false });
    await local.open();
    const { sfu, session, errors, added } = setup({
      local,
      producers: [producer('p1', 'a')],
      localDtls: async () => ({ certificate, dtlsParameters }),
    });
    await session.start();
    await settle();
    const ready = sfu.sent.find((r) => r.name === 'media:ready');
    const send = sfu.sent.find((r) => r.name === 'media:createTransport');
    expect(ready?.payload).toHaveProperty('dtlsParameters', dtlsParameters);
    expect(send?.payload).toEqual({ direction: 'send', dtlsParameters });
    // Both transports carried media (a consumer, a producer) without a connect of their own.
    expect(added()).toHaveLength(1);
    expect(sfu.names()).toContain('media:produce');
    expect(sfu.names()).not.toContain('media:connectTransport');
    expect(errors).toEqual([]);
    session.close();
  });

  it('without a certificate, connects each transport with a request of its own', async () => {
    const { local } = fakeLocal({ mic: true, camera: false });
    await local.open();
    const { sfu, session, errors } = setup({
      local,
      producers: [producer('p1', 'a')],
      localDtls: async () => null,
    });
    await session.start();
    await settle();
    expect(sfu.sent.find((r) => r.name === 'media:ready')?.payload).not.toHaveProperty(
      'dtlsParameters',
    );
    expect(sfu.names().filter((n) => n === 'media:connectTransport')).toHaveLength(2);
    expect(errors).toEqual([]);
    session.close();
  });

  it('reports a transport whose browser side does not use the certificate the server knows', async () => {
    const dtlsParameters = {
      role: 'client' as const,
      fingerprints: [{ algorithm: 'sha-256' as const, value: 'AA:BB' }],
    };
    const { session, errors, added } = setup({
      producers: [producer('p1', 'a')],
      localDtls: async () => ({ certificate: {} as RTCCertificate, dtlsParameters }),
    });
    await session.start();
    await settle();
    expect(added()).toHaveLength(0);
    expect(errors).toMatchObject([{ code: 'INTERNAL' }]);
    session.close();
  });

  it('consumes the others before its own send transport exists', async () => {
    const { sfu, session, added } = setup({ producers: [producer('p1', 'a')] });
    await session.start();
    const names = sfu.names();
    expect(names.indexOf('media:ready')).toBeLessThan(names.indexOf('media:createTransport'));
    expect(added()).toHaveLength(1);
    session.close();
  });

  it('keeps producers announced before it was ready and consumes each once', async () => {
    const { sfu, session, added } = setup({ producers: [producer('p1', 'a')] });
    void session.consume(producer('p1', 'a'));
    void session.consume(producer('p9', 'c'));
    await session.start();
    void session.consume(producer('p9', 'c'));
    await settle();
    // p1 came with media:ready; p9, announced before it, is asked for once.
    const consumed = sfu.sent.filter((r) => r.name === 'media:consume').map((r) => r.payload);
    expect(consumed).toEqual([{ producerId: 'p9' }]);
    expect(added()).toHaveLength(2);
    session.close();
  });

  it('drops the track when its producer or consumer closes, or its owner leaves', async () => {
    const { session, actions, added } = setup({
      producers: [producer('p1', 'a'), producer('p2', 'b'), producer('p3', 'c')],
    });
    await session.start();
    await settle();
    const ids = added().map((a) => (a.type === 'trackAdded' ? a.track.consumerId : ''));
    session.producerClosed('p1');
    session.consumerClosed(ids[1] ?? '');
    session.participantLeft('c');
    const removed = actions.filter((a) => a.type === 'trackRemoved');
    expect(removed.map((a) => (a.type === 'trackRemoved' ? a.consumerId : ''))).toEqual(ids);
    session.close();
  });

  it('reports pause and resume of received tracks it knows', async () => {
    const { session, actions, added } = setup({ producers: [producer('p1', 'a')] });
    await session.start();
    await settle();
    const consumerId =
      added()[0]?.type === 'trackAdded'
        ? (added()[0] as { track: { consumerId: string } }).track.consumerId
        : '';
    session.consumerPaused(consumerId, true);
    session.consumerPaused('unknown', true);
    expect(actions.filter((a) => a.type === 'trackPaused')).toEqual([
      { type: 'trackPaused', consumerId, paused: true },
    ]);
    session.close();
  });

  it('publishes the microphone with its source, and pauses it when switched off', async () => {
    const { local } = fakeLocal({ mic: true, camera: false });
    await local.open();
    const { sfu, session, errors } = setup({ local });
    await session.start();
    const produce = sfu.sent.find((r) => r.name === 'media:produce');
    expect(produce?.payload).toMatchObject({ kind: 'audio', source: 'mic' });
    await local.setEnabled('mic', false);
    await session.sync('mic');
    expect(sfu.sent.at(-1)).toEqual({
      name: 'media:pauseProducer',
      payload: { producerId: 'own-mic' },
    });
    await local.setEnabled('mic', true);
    await session.sync('mic');
    expect(sfu.sent.at(-1)).toEqual({
      name: 'media:resumeProducer',
      payload: { producerId: 'own-mic' },
    });
    expect(errors).toEqual([]);
    session.close();
  });

  it('pauses the camera while the system mutes it and resumes it when it is back', async () => {
    const { local } = fakeLocal({ mic: false, camera: true });
    await local.open();
    const camera = local.track('camera') as unknown as FakeTrack;
    // Muted before the call starts (the page opened in the background): nothing is sent.
    camera.muted = true;
    const { sfu, session } = setup({ local });
    await session.start();
    expect(sfu.names()).not.toContain('media:produce');
    camera.muted = false;
    await session.sync('camera');
    expect(sfu.sent.at(-1)?.payload).toMatchObject({ kind: 'video', source: 'camera' });
    camera.muted = true;
    await session.sync('camera');
    expect(sfu.sent.at(-1)).toEqual({
      name: 'media:pauseProducer',
      payload: { producerId: 'own-camera' },
    });
    // The person's choice stays: the camera is still on for them.
    expect(local.state()).toMatchObject({ cameraEnabled: true, cameraMuted: true });
    camera.muted = false;
    await session.sync('camera');
    expect(sfu.sent.at(-1)).toEqual({
      name: 'media:resumeProducer',
      payload: { producerId: 'own-camera' },
    });
    session.close();
  });

  it('never produces a source twice when asked concurrently', async () => {
    const { local } = fakeLocal({ mic: true, camera: false });
    await local.open();
    const { sfu, session } = setup({ local });
    await session.start();
    await local.setEnabled('camera', true);
    await Promise.all([session.sync('camera'), session.sync('camera'), session.sync('mic')]);
    const sources = sfu.sent
      .filter((r) => r.name === 'media:produce')
      .map((r) => (r.payload as { source: string }).source)
      .sort();
    expect(sources).toEqual(['camera', 'mic']);
    const camera = sfu.sent.find(
      (r) => r.name === 'media:produce' && (r.payload as { source: string }).source === 'camera',
    );
    expect(camera?.payload).toMatchObject({
      kind: 'video',
      rtpParameters: {
        encodings: [
          { scaleResolutionDownBy: 4, maxBitrate: 100_000, scalabilityMode: 'L1T3' },
          { scaleResolutionDownBy: 2, maxBitrate: 300_000, scalabilityMode: 'L1T3' },
          { scaleResolutionDownBy: 1, maxBitrate: 900_000, scalabilityMode: 'L1T3' },
        ],
      },
    });
    session.close();
  });

  it('in audio only, closes the camera producer and holds received cameras', async () => {
    const { local } = fakeLocal({ mic: true, camera: true });
    await local.open();
    const { sfu, session, errors } = setup({
      local,
      producers: [producer('p1', 'a', { kind: 'video', source: 'camera' }), producer('p2', 'a')],
      receiveVideo: () => !local.state().audioOnly,
    });
    await session.start();
    await settle();
    const resumes = () => sfu.names().filter((n) => n === 'media:resumeConsumer').length;
    expect(resumes()).toBe(0);
    await local.setAudioOnly(true);
    await Promise.all([session.sync('camera'), session.syncReceive()]);
    expect(
      sfu.sent
        .slice(-2)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['media:closeProducer', 'media:pauseConsumer']);
    expect(sfu.sent.find((r) => r.name === 'media:closeProducer')?.payload).toEqual({
      producerId: 'own-camera',
    });
    await local.setAudioOnly(false);
    await Promise.all([session.sync('camera'), session.syncReceive()]);
    expect(resumes()).toBe(1);
    expect(sfu.names().filter((n) => n === 'media:produce')).toHaveLength(3);
    expect(errors).toEqual([]);
    session.close();
  });

  it('receives cameras paused while in audio only, microphones as usual', async () => {
    const { local } = fakeLocal({ mic: true, camera: false });
    await local.setAudioOnly(true);
    const { sfu, session, added } = setup({
      local,
      producers: [producer('p1', 'a', { kind: 'video', source: 'camera' }), producer('p2', 'a')],
      receiveVideo: () => !local.state().audioOnly,
    });
    await session.start();
    await settle();
    expect(added()).toHaveLength(2);
    expect(sfu.sent.find((r) => r.name === 'media:ready')?.payload).toHaveProperty('flowing', [
      'mic',
      'screen',
    ]);
    expect(sfu.names()).not.toContain('media:resumeConsumer');
    expect(sfu.names()).not.toContain('media:pauseConsumer');
    session.close();
  });

  it('holds back videos nobody sees (hidden page, tile out of view), never the sound', async () => {
    let visible = false;
    const { sfu, session, added, actions } = setup({
      producers: [producer('p1', 'a', { kind: 'video', source: 'camera' }), producer('p2', 'a')],
      pageVisible: () => visible,
    });
    await session.start();
    await settle();
    const consumerOf = (source: string) =>
      added().find((a) => a.type === 'trackAdded' && a.track.source === source)?.track.consumerId ??
      '';
    const asked = (name: string) =>
      sfu.sent
        .filter((r) => r.name === name)
        .map((r) => (r.payload as { consumerId: string }).consumerId);
    // Only the sound flows from the start.
    expect(sfu.sent.find((r) => r.name === 'media:ready')?.payload).toHaveProperty('flowing', [
      'mic',
    ]);
    expect(asked('media:resumeConsumer')).toEqual([]);
    visible = true;
    await session.syncReceive();
    expect(asked('media:resumeConsumer')).toEqual([consumerOf('camera')]);
    await session.setInView(consumerOf('camera'), false);
    expect(asked('media:pauseConsumer')).toEqual([consumerOf('camera')]);
    // The viewer's own pause is not the sender's: the track is not shown as paused.
    expect(actions.filter((a) => a.type === 'trackPaused')).toEqual([]);
    session.close();
  });

  it('shares a screen as its own producer and closes it when sharing stops', async () => {
    const { local } = fakeLocal({ mic: false, camera: false });
    const { sfu, session, errors } = setup({ local });
    await session.start();
    await local.setEnabled('screen', true);
    await session.sync('screen');
    expect(sfu.sent.at(-1)?.payload).toMatchObject({ kind: 'video', source: 'screen' });
    await local.setEnabled('screen', false);
    await session.sync('screen');
    expect(sfu.sent.at(-1)).toEqual({
      name: 'media:closeProducer',
      payload: { producerId: 'own-screen' },
    });
    expect(local.track('screen')).toBeNull();
    expect(errors).toEqual([]);
    session.close();
  });

  it('sends the camera layers the server says are wanted, the latest wish last', async () => {
    const { local } = fakeLocal({ mic: true, camera: true });
    await local.open();
    const { session, camera, errors } = setup({ local });
    // Told before the camera exists here: applied as soon as it does.
    void session.layersWanted('own-camera', 1);
    await session.start();
    expect(camera()?.maxSpatialLayer).toBe(1);
    await session.layersWanted('own-camera', 2);
    // Down and straight back up, before the first change is done: it ends up.
    await Promise.all([
      session.layersWanted('own-camera', 0),
      session.layersWanted('own-camera', 2),
    ]);
    expect(camera()?.maxSpatialLayer).toBe(2);
    await session.layersWanted('own-camera', 0);
    expect(camera()?.maxSpatialLayer).toBe(0);
    // Someone else's id, or the microphone's, changes nothing.
    await session.layersWanted('p1', 2);
    await session.layersWanted('own-mic', 2);
    expect(camera()?.maxSpatialLayer).toBe(0);
    expect(errors).toEqual([]);
    session.close();
  });

  it('does nothing more once closed, and close is safe twice', async () => {
    const { sfu, session, actions } = setup({ producers: [producer('p1', 'a')] });
    const started = session.start();
    session.close();
    await expect(started).rejects.toThrow();
    session.close();
    const count = sfu.sent.length;
    await session.consume(producer('p2', 'b'));
    expect(sfu.sent.length).toBe(count);
    expect(actions.filter((a) => a.type === 'mediaReset')).toHaveLength(1);
  });
});
