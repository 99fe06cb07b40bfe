import { Device, type types } from 'mediasoup-client';
import { Chrome111 } from 'mediasoup-client/handlers/Chrome111';
import type { ConsumerOptions, TransportOptions } from '@haven/protocol';
import { sleep } from './machine.js';
import { Signal } from './signal.js';

/** How often a joiner polls its receive statistics for the first packet. */
export const POLL_MS = 20;

/**
 * The Chrome111 handler with this client's own capabilities asked at once, for both
 * directions, and kept: as the web client (apps/web/src/call/device.ts) asks them while
 * its socket connects, so each costs a peer connection and an offer before admission
 * rather than after it.
 */
export function probedHandler(): types.HandlerFactory {
  const handler = Chrome111.createFactory();
  const kept = {
    recvonly: handler.getNativeRtpCapabilities({ direction: 'recvonly' }),
    sendonly: handler.getNativeRtpCapabilities({ direction: 'sendonly' }),
  };
  for (const answer of Object.values(kept)) answer.catch(() => undefined);
  return {
    ...handler,
    getNativeRtpCapabilities: ({ direction }) => kept[direction as keyof typeof kept],
  };
}

/** A device loaded with the capabilities that came with the admission, as the web client's. */
export async function newDevice(
  signal: Signal,
  handlerFactory: types.HandlerFactory = probedHandler(),
): Promise<Device> {
  const device = new Device({ handlerFactory });
  const routerRtpCapabilities =
    (signal.routerRtpCapabilities as types.RtpCapabilities | undefined) ??
    (await signal.request<{ routerRtpCapabilities: types.RtpCapabilities }>('media:capabilities'))
      .routerRtpCapabilities;
  await device.load({ routerRtpCapabilities });
  return device;
}

const transportOptions = (signal: Signal, direction: 'send' | 'recv') =>
  signal.request<TransportOptions>('media:createTransport', { direction });

export async function transport(
  signal: Signal,
  device: Device,
  direction: 'send' | 'recv',
  given?: TransportOptions,
): Promise<types.Transport> {
  const options = given ?? (await transportOptions(signal, direction));
  const t =
    direction === 'send'
      ? device.createSendTransport(options as unknown as types.TransportOptions)
      : device.createRecvTransport(options as unknown as types.TransportOptions);
  t.on('connect', ({ dtlsParameters }, callback, errback) => {
    signal
      .request('media:connectTransport', { transportId: t.id, dtlsParameters })
      .then(() => callback(), errback);
  });
  t.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
    signal
      .request<{ producerId: string }>('media:produce', {
        transportId: t.id,
        kind,
        source: appData['source'],
        rtpParameters,
      })
      .then(({ producerId }) => callback({ id: producerId }), errback);
  });
  return t;
}

export interface Timing {
  connected: number;
  joined: number;
  consumed: number;
  firstPacket: number;
  firstVideo: number;
  consumers: number;
  /** Of the time to the consumers resumed, how much was spent waiting for the server's acknowledgements. */
  waited: number;
}

/**
 * A patient joining and receiving, timed from the moment its socket starts connecting.
 * `handler` is this patient's own (probing its capabilities now, as the web client starts
 * its media engine with the call, before its socket connects) unless given.
 */
export async function joiner(
  url: string,
  token: string,
  room: string,
  consumeAcks: number[],
  cleanup: (() => void)[],
  handler: types.HandlerFactory = probedHandler(),
): Promise<Timing> {
  const t0 = performance.now();
  const signal = await Signal.connect(url, token);
  cleanup.push(() => signal.close());
  const connected = performance.now() - t0;
  await signal.join(`dev-${room}`);
  const joined = performance.now() - t0;
  // As the web client does: once the device is loaded, media:ready has the server open the
  // receive transport and consume what this patient may see, flowing at once (its page is
  // visible and every tile in view). wrtc cannot make a certificate ahead
  // (RTCPeerConnection.generateCertificate), so the transport connects with a request of
  // its own, as in a browser without RTCCertificate.getFingerprints().
  const device = await newDevice(signal, handler);
  const ready = await signal.request<{
    recvTransport: TransportOptions;
    consumers: ConsumerOptions[];
  }>('media:ready', {
    rtpCapabilities: device.recvRtpCapabilities,
    receive: true,
    flowing: ['mic', 'screen', 'camera'],
  });
  // Wall-clock time: the joiners run in several processes.
  const readyAt = performance.timeOrigin + performance.now();
  for (let i = 0; i < ready.consumers.length; i++) consumeAcks.push(readyAt);
  const recv = await transport(signal, device, 'recv', ready.recvTransport);
  cleanup.push(() => recv.close());
  const consumers = await Promise.all(
    ready.consumers.map(async (options) => {
      const consumer = await recv.consume({
        id: options.consumerId,
        producerId: options.producerId,
        kind: options.kind,
        rtpParameters: options.rtpParameters as unknown as types.RtpParameters,
      });
      if (options.paused) await signal.request('media:resumeConsumer', { consumerId: consumer.id });
      return consumer;
    }),
  );
  const consumed = performance.now() - t0;
  const waited = signal.waitedMs + connected;
  let firstPacket = Number.NaN;
  let firstVideo = Number.NaN;
  while (Number.isNaN(firstVideo) && performance.now() - t0 < 15_000) {
    // wrtc has no per-receiver getStats; the peer connection's report has every inbound-rtp.
    (await recv.getStats()).forEach(
      (s: { type: string; kind?: string; packetsReceived?: number }) => {
        if (s.type !== 'inbound-rtp' || !s.packetsReceived) return;
        const at = performance.now() - t0;
        if (Number.isNaN(firstPacket)) firstPacket = at;
        if (s.kind === 'video' && Number.isNaN(firstVideo)) firstVideo = at;
      },
    );
    if (Number.isNaN(firstVideo)) await sleep(POLL_MS);
  }
  return {
    connected,
    joined,
    consumed,
    firstPacket,
    firstVideo,
    consumers: consumers.length,
    waited,
  };
}
