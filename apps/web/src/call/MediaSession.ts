import type {
  ClientResponses,
  ConsumerOptions,
  MediaSource,
  RtpCapabilities,
  ProducerInfo,
  TransportDirection,
} from '@haven/protocol';
import type { Device, types } from 'mediasoup-client';
import type { EndToEnd } from './e2ee/EndToEnd';
import { sameFingerprint, type LocalDtls } from './device';
import { CallError, toCallError } from './errors';
import type { LocalMedia } from './localMedia';
import { readReceiveStats, readSendStats, type ReceiveStats, type SendStats } from './stats';
import type { Requester } from './signaling';
import type { CallAction, LocalSource } from './types';
import { VideoReceive } from './videoReceive';
import {
  fromRtpCapabilities,
  fromRtpParameters,
  toRtpCapabilities,
  toRtpParameters,
  toTransportOptions,
} from './wire';

/**
 * Three simulcast layers, smallest first (mediasoup-client names them r0, r1, r2); the
 * server forwards the one each viewer's tile and link can take.
 */
const CAMERA_ENCODINGS: types.RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 100_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 2, maxBitrate: 300_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 1, maxBitrate: 900_000, scalabilityMode: 'L1T3' },
];

/** A shared screen: one layer, enough bits for legible text at a low frame rate. */
const SCREEN_ENCODINGS: types.RtpEncodingParameters[] = [{ maxBitrate: 1_500_000 }];

/** Silence sends almost nothing (DTX); lost packets are repaired in band (FEC). */
const MIC_CODEC: types.ProducerCodecOptions = { opusDtx: true, opusFec: true };

const SOURCES: readonly LocalSource[] = ['mic', 'camera', 'screen'];

const isLocalSource = (value: unknown): value is LocalSource =>
  (SOURCES as readonly unknown[]).includes(value);

function produceOptions(source: LocalSource): Partial<types.ProducerOptions> {
  switch (source) {
    case 'mic':
      return { codecOptions: MIC_CODEC };
    case 'camera':
      return { encodings: CAMERA_ENCODINGS, codecOptions: { videoGoogleStartBitrate: 1000 } };
    case 'screen':
      return { encodings: SCREEN_ENCODINGS };
  }
}

export interface MediaSessionDeps {
  request: Requester;
  dispatch: (action: CallAction) => void;
  selfId: () => string | null;
  local: LocalMedia;
  createDevice: () => Promise<Device>;
  /** The page's DTLS certificate made ahead; absent or null, each transport connects itself. */
  localDtls?: () => Promise<LocalDtls | null>;
  report: (error: CallError) => void;
  /** A transport is lost for good (its ICE restart failed): the media must be set up anew. */
  lost: () => void;
  /** False in audio only: other people's cameras are not received (saves a weak link). */
  receiveVideo: () => boolean;
  /** False while the page is hidden: nobody sees the videos, so none is received. */
  pageVisible: () => boolean;
  /** The router's capabilities when the server sent them with the admission; else asked for. */
  routerRtpCapabilities?: RtpCapabilities;
  /**
   * The session is end-to-end encrypted: every sender and receiver gets its transform
   * before it negotiates, so no frame leaves or is decoded without it.
   */
  e2ee?: () => Promise<EndToEnd>;
}

/**
 * One admitted stay's media: a loaded Device, a send and a receive transport, this
 * person's producers and a consumer per producer of the others. Closed (and replaced)
 * on every reconnect and every trip to the waiting room; close() is safe twice.
 */
export class MediaSession {
  private closed = false;
  private ready = false;
  private e2ee: EndToEnd | null = null;
  private sendTransport: types.Transport | null = null;
  private recvTransport: types.Transport | null = null;
  private readonly producers = new Map<LocalSource, types.Producer>();
  private readonly consumers = new Map<string, types.Consumer>();
  /** Whose producer each consumer receives, by consumer id. */
  private readonly owners = new Map<string, string>();
  /** Which received videos flow: paused while nobody can see them. */
  private readonly videos: VideoReceive;
  /** Producers announced before the receive transport existed, or being consumed now. */
  private readonly pending = new Map<string, ProducerInfo>();
  private readonly inFlight = new Set<string>();
  /**
   * The highest camera layer anyone receives, as the server last said (kept for a camera
   * producer still being created). Until then, every layer is sent.
   */
  private cameraLimit: { producerId: string; spatialLayer: number } | null = null;
  /** Layer changes run one after another, so the latest wish is the one that stays. */
  private limiting: Promise<void> = Promise.resolve();
  private readonly syncing: Record<LocalSource, Promise<void>> = {
    mic: Promise.resolve(),
    camera: Promise.resolve(),
    screen: Promise.resolve(),
  };

  constructor(private readonly deps: MediaSessionDeps) {
    this.videos = new VideoReceive(deps);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Receives first, then sends: once the device is loaded (with the router's capabilities
   * from the admission, or asked for), one request has the server open the receive
   * transport and consume what this person may see; the consumers are set up here while
   * the send transport and this person's own producers are still on their way. With a
   * certificate made ahead, the server connects each transport as it makes it; and what
   * this person can see at once starts flowing without a resume of its own.
   */
  async start(): Promise<void> {
    const [device, routerRtpCapabilities, dtls, e2ee] = await Promise.all([
      this.deps.createDevice(),
      this.deps.routerRtpCapabilities ??
        this.request('media:capabilities', {}).then((r) => r.routerRtpCapabilities),
      this.deps.localDtls?.() ?? null,
      this.deps.e2ee?.() ?? null,
    ]);
    this.e2ee = e2ee;
    await device.load({ routerRtpCapabilities: toRtpCapabilities(routerRtpCapabilities) });
    e2ee?.useDevice(device);
    this.assertOpen();
    const dtlsParameters = dtls ? { dtlsParameters: dtls.dtlsParameters } : {};
    const {
      producers,
      recvTransport,
      consumers = [],
    } = await this.request('media:ready', {
      rtpCapabilities: fromRtpCapabilities(device.recvRtpCapabilities),
      receive: true,
      flowing: ['mic', ...this.videos.shown()],
      ...dtlsParameters,
    });
    this.assertOpen();
    if (!recvTransport) throw new CallError('INTERNAL', 'media:ready: no receive transport');
    this.openTransport(device, 'recv', recvTransport, dtls);
    this.ready = true;
    for (const p of producers) this.pending.set(p.producerId, p);
    const given = new Map(consumers.map((c) => [c.producerId, c]));
    // Videos first: seeing the others is what a person joining waits for, and each
    // consumer the browser sets up on its own delays the next.
    const videosFirst = [...this.pending.values()].sort(
      (a, b) => Number(a.kind === 'audio') - Number(b.kind === 'audio'),
    );
    for (const p of videosFirst) void this.consume(p, given.get(p.producerId));
    if (!device.canProduce('audio') && !device.canProduce('video')) return;
    const sendOptions = await this.request('media:createTransport', {
      direction: 'send',
      ...dtlsParameters,
    });
    this.assertOpen();
    this.openTransport(device, 'send', sendOptions, dtls);
    await Promise.all(SOURCES.map((source) => this.sync(source)));
  }

  /**
   * Makes the producer of a source match LocalMedia: produced, track swapped, paused (off,
   * or muted by the system) or resumed. Calls for one source run one after another, so a
   * source is never produced twice.
   */
  sync(source: LocalSource): Promise<void> {
    const run = this.syncing[source].then(() => this.syncNow(source));
    this.syncing[source] = run.catch(() => undefined);
    return run;
  }

  private async syncNow(source: LocalSource): Promise<void> {
    const transport = this.sendTransport;
    if (this.closed || !transport) return;
    const track = this.deps.local.track(source);
    const on = this.deps.local.sends(source);
    const producer = this.producers.get(source);
    if (!producer) {
      if (on && track) await this.produce(transport, source, track);
      return;
    }
    if (!on && this.deps.local.closesWhenOff(source)) {
      this.producers.delete(source);
      producer.close();
      await this.request('media:closeProducer', { producerId: producer.id });
      return;
    }
    if (on && track && producer.track !== track) await producer.replaceTrack({ track });
    if (on && producer.paused) {
      producer.resume();
      await this.request('media:resumeProducer', { producerId: producer.id });
    } else if (!on && !producer.paused) {
      producer.pause();
      await this.request('media:pauseProducer', { producerId: producer.id });
    }
  }

  /**
   * Receives one producer of someone else, with the consumer the server made for it when
   * given (else asked for); announcements before start() are kept for later.
   */
  async consume(info: ProducerInfo, given?: ConsumerOptions): Promise<void> {
    if (this.closed || info.participantId === this.deps.selfId()) return;
    const recv = this.recvTransport;
    if (!this.ready || !recv) {
      this.pending.set(info.producerId, info);
      return;
    }
    if (this.inFlight.has(info.producerId) || this.hasConsumerFor(info.producerId)) return;
    this.pending.set(info.producerId, info);
    this.inFlight.add(info.producerId);
    try {
      const options =
        given ?? (await this.request('media:consume', { producerId: info.producerId }));
      // The producer may have closed while we waited; then there is nothing to show.
      if (this.closed || !this.pending.has(info.producerId)) return;
      const consumer = await recv.consume({
        id: options.consumerId,
        producerId: options.producerId,
        kind: options.kind,
        rtpParameters: toRtpParameters(options),
        ...this.e2ee?.receiving(options.kind, options.participantId),
      });
      if (this.closed || !this.pending.has(info.producerId)) {
        consumer.close();
        return;
      }
      this.consumers.set(consumer.id, consumer);
      this.owners.set(consumer.id, options.participantId);
      this.deps.dispatch({
        type: 'trackAdded',
        track: {
          consumerId: consumer.id,
          producerId: options.producerId,
          participantId: options.participantId,
          kind: options.kind,
          source: options.source,
          track: consumer.track,
          paused: options.producerPaused,
        },
      });
      // A consumer may start paused on the server; a video stays so while nobody can see it.
      if (options.source !== 'mic')
        await this.videos.add(consumer.id, options.source, options.paused);
      else if (options.paused)
        await this.request('media:resumeConsumer', { consumerId: consumer.id });
    } catch (error) {
      // A producer that closed while we asked for it is not worth a message.
      const failure = toCallError(error);
      if (!this.closed && failure.code !== 'NOT_FOUND') this.deps.report(failure);
    } finally {
      this.inFlight.delete(info.producerId);
      this.pending.delete(info.producerId);
    }
  }

  /** Pauses or resumes the received videos to match `receiveVideo()` and `pageVisible()`. */
  syncReceive(): Promise<void> {
    return this.videos.sync();
  }

  /** A video's tile came into view or left it: its consumer flows only while in view. */
  setInView(consumerId: string, inView: boolean): Promise<void> {
    return this.videos.setInView(consumerId, inView);
  }

  producerClosed(producerId: string): void {
    this.pending.delete(producerId);
    for (const consumer of this.consumers.values()) {
      if (consumer.producerId === producerId) this.dropConsumer(consumer.id);
    }
  }

  consumerClosed(consumerId: string): void {
    this.dropConsumer(consumerId);
  }

  consumerPaused(consumerId: string, paused: boolean): void {
    if (this.consumers.has(consumerId))
      this.deps.dispatch({ type: 'trackPaused', consumerId, paused });
  }

  /** Closes every consumer of someone who left. */
  participantLeft(participantId: string): void {
    for (const [id, info] of this.pending)
      if (info.participantId === participantId) this.pending.delete(id);
    for (const [consumerId, owner] of [...this.owners]) {
      if (owner === participantId) this.dropConsumer(consumerId);
    }
  }

  async setPreferredLayer(consumerId: string, spatialLayer: number): Promise<void> {
    const consumer = this.consumers.get(consumerId);
    if (!consumer || consumer.kind !== 'video') return;
    await this.request('media:setPreferredLayers', { consumerId, spatialLayer });
  }

  /**
   * The server says which simulcast layers of this person's camera anybody receives: the
   * encodings above `spatialLayer` are switched off until more are wanted.
   */
  layersWanted(producerId: string, spatialLayer: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.cameraLimit = { producerId, spatialLayer };
    return this.applyCameraLimit();
  }

  private applyCameraLimit(): Promise<void> {
    const run = this.limiting.then(async () => {
      const camera = this.producers.get('camera');
      const limit = this.cameraLimit;
      if (this.closed || !camera || camera.closed || camera.id !== limit?.producerId) return;
      if (camera.maxSpatialLayer !== limit.spatialLayer)
        await camera.setMaxSpatialLayer(limit.spatialLayer);
    });
    // A producer closing meanwhile needs no layers; on any other failure every layer keeps going.
    this.limiting = run.catch(() => undefined);
    return this.limiting;
  }

  /** Send-side figures per producer, from the browser's remote-inbound-rtp statistics. */
  sendStats(): Promise<SendStats[]> {
    const live = [...this.producers].filter(([, p]) => !p.closed && !p.paused);
    return Promise.all(live.map(([source, producer]) => readSendStats(source, producer)));
  }

  /** Receive-side figures per consumer, from the browser's inbound-rtp statistics. */
  receiveStats(): Promise<ReceiveStats[]> {
    return Promise.all(
      [...this.consumers.values()].map((c) => readReceiveStats(c, this.owners.get(c.id) ?? '')),
    );
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending.clear();
    // Closing a transport closes its producers and consumers; local tracks stay open.
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.producers.clear();
    this.consumers.clear();
    this.owners.clear();
    this.videos.close();
    this.deps.dispatch({ type: 'mediaReset' });
  }

  private hasConsumerFor(producerId: string): boolean {
    for (const c of this.consumers.values()) if (c.producerId === producerId) return true;
    return false;
  }

  private dropConsumer(consumerId: string): void {
    const consumer = this.consumers.get(consumerId);
    if (!consumer) return;
    this.consumers.delete(consumerId);
    this.owners.delete(consumerId);
    this.videos.remove(consumerId);
    consumer.close();
    this.deps.dispatch({ type: 'trackRemoved', consumerId });
  }

  private async produce(transport: types.Transport, source: LocalSource, track: MediaStreamTrack) {
    const producer = await transport.produce({
      track,
      stopTracks: false,
      appData: { source },
      ...produceOptions(source),
      ...this.e2ee?.sending(source === 'mic' ? 'audio' : 'video'),
    });
    if (this.closed) return;
    this.producers.set(source, producer);
    producer.on('transportclose', () => this.producers.delete(source));
    // The server may have answered for this camera before it was ready here.
    if (source === 'camera') await this.applyCameraLimit();
    // The source may have been switched off while the producer was being created.
    await this.syncNow(source);
  }

  /** `dtls`: the certificate the server connected the transport with when it made it. */
  private openTransport(
    device: Device,
    direction: TransportDirection,
    wire: ClientResponses['media:createTransport'],
    dtls: LocalDtls | null,
  ): void {
    const options: types.TransportOptions = {
      ...toTransportOptions(wire),
      ...(dtls && { additionalSettings: { certificates: [dtls.certificate] } }),
    };
    const transport =
      direction === 'send'
        ? device.createSendTransport(options)
        : device.createRecvTransport(options);
    // Kept at once so that close() reaches it even if start() is still running.
    if (direction === 'send') this.sendTransport = transport;
    else this.recvTransport = transport;
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      if (dtls) {
        if (sameFingerprint(dtls.dtlsParameters, dtlsParameters)) callback();
        else errback(new CallError('INTERNAL', "the browser did not use the call's certificate"));
        return;
      }
      this.request('media:connectTransport', { transportId: transport.id, dtlsParameters })
        .then(() => callback())
        .catch(errback);
    });
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      const source: MediaSource | null = isLocalSource(appData.source) ? appData.source : null;
      if (!source) {
        errback(new CallError('BAD_REQUEST', 'producer without a source'));
        return;
      }
      const wire = fromRtpParameters(rtpParameters);
      this.request('media:produce', {
        transportId: transport.id,
        kind,
        source,
        rtpParameters: wire,
      })
        .then(({ producerId }) => callback({ id: producerId }))
        .catch(errback);
    });
    transport.on('connectionstatechange', (state) => {
      if (state === 'failed') void this.restartIce(transport);
    });
  }

  /**
   * A failed ICE link (network change, NAT timeout) gets one restart; if that fails too,
   * the call sets its media up again on new transports.
   */
  private async restartIce(transport: types.Transport): Promise<void> {
    try {
      const { iceParameters } = await this.request('media:restartIce', {
        transportId: transport.id,
      });
      if (!transport.closed) await transport.restartIce({ iceParameters });
    } catch (error) {
      if (this.closed) return;
      this.deps.report(toCallError(error));
      this.deps.lost();
    }
  }

  private readonly request: Requester = (name, payload, timeoutMs) =>
    this.deps.request(name, payload, timeoutMs);

  private assertOpen(): void {
    if (this.closed) throw new CallError('INVALID_STATE', 'media session closed');
  }
}
