import { Device, type types } from 'mediasoup-client';
import type { ConsumerOptions, TransportOptions } from '@haven/protocol';
import { QUICK, sleep, within } from '../lib/machine.js';
import { goalRow, type Bench } from '../lib/result.js';
import { startServer, type BenchServer } from '../lib/server.js';
import { fmt, summarize } from '../lib/stats.js';
import { installWebRtcGlobals, Signal, SyntheticMedia } from '../lib/wrtc-client.js';

const ROOMS = 5;
const CLIENTS = 50;
const SPREAD_MS = 1000;
const POLL_MS = 20;

/** A device loaded with the capabilities that came with the admission, as the web client's. */
async function newDevice(signal: Signal): Promise<Device> {
  const device = await Device.factory({ handlerName: 'Chrome111' });
  const routerRtpCapabilities =
    (signal.routerRtpCapabilities as types.RtpCapabilities | undefined) ??
    (await signal.request<{ routerRtpCapabilities: types.RtpCapabilities }>('media:capabilities'))
      .routerRtpCapabilities;
  await device.load({ routerRtpCapabilities });
  return device;
}

const transportOptions = (signal: Signal, direction: 'send' | 'recv') =>
  signal.request<TransportOptions>('media:createTransport', { direction });

async function transport(
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

/** A clinician already in the room, sending a synthetic camera and microphone. */
async function publisher(server: BenchServer, room: string) {
  const { token } = await server.devToken(room, 'Clinician', 'clinician');
  const signal = await Signal.connect(server.url, token);
  await signal.join(`dev-${room}`);
  const device = await newDevice(signal);
  await signal.request('media:ready', { rtpCapabilities: device.recvRtpCapabilities });
  const send = await transport(signal, device, 'send');
  const media = new SyntheticMedia();
  await send.produce({ track: media.audio as never, appData: { source: 'mic' } });
  await send.produce({ track: media.video as never, appData: { source: 'camera' } });
  return {
    close(): void {
      media.stop();
      send.close();
      signal.close();
    },
  };
}

interface Timing {
  connected: number;
  joined: number;
  consumed: number;
  firstPacket: number;
  firstVideo: number;
  consumers: number;
  /** Of the time to the consumers resumed, how much was spent waiting for the server's acknowledgements. */
  waited: number;
}

/** A patient joining and receiving, timed from the moment its socket starts connecting. */
async function joiner(
  server: BenchServer,
  token: string,
  room: string,
  consumeAcks: number[],
  cleanup: (() => void)[],
): Promise<Timing> {
  const t0 = performance.now();
  const signal = await Signal.connect(server.url, token);
  cleanup.push(() => signal.close());
  const connected = performance.now() - t0;
  await signal.join(`dev-${room}`);
  const joined = performance.now() - t0;
  // As the web client does: once the device is loaded, media:ready has the server open the
  // receive transport and consume (paused) what this patient may see.
  const device = await newDevice(signal);
  const ready = await signal.request<{
    recvTransport: TransportOptions;
    consumers: ConsumerOptions[];
  }>('media:ready', { rtpCapabilities: device.recvRtpCapabilities, receive: true });
  const readyAt = performance.now();
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
      await signal.request('media:resumeConsumer', { consumerId: consumer.id });
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

/**
 * 3. Join storm: 50 patients join five rooms within one second through the real
 * server, each a Node WebRTC client (libwebrtc from @roamhq/wrtc under mediasoup-client's
 * Chrome111 handler) that receives the room's clinician.
 */
export const joinStorm: Bench = async () => {
  installWebRtcGlobals();
  const clients = QUICK ? 20 : CLIENTS;
  const server = await startServer();
  const cleanup: (() => void)[] = [];
  try {
    const rooms = Array.from({ length: ROOMS }, (_, i) => `storm-${i}`);
    for (const room of rooms) {
      const p = await publisher(server, room);
      cleanup.push(() => p.close());
    }
    await sleep(1500); // the publishers' media is flowing
    const tokens = await Promise.all(
      Array.from({ length: clients }, (_, i) =>
        server.devToken(rooms[i % ROOMS]!, `Patient ${i}`, 'patient'),
      ),
    );
    const consumeAcks: number[] = [];
    const stormStart = performance.now();
    const settled = await within(
      60_000,
      'the join storm',
      Promise.allSettled(
        tokens.map(async ({ token }, i) => {
          await sleep((i / clients) * SPREAD_MS);
          return joiner(server, token, rooms[i % ROOMS]!, consumeAcks, cleanup);
        }),
      ),
    );
    const timings = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    const received = timings.filter((t) => Number.isFinite(t.firstPacket));
    const first = summarize(received.map((t) => t.firstPacket));
    const video = summarize(
      timings.filter((t) => Number.isFinite(t.firstVideo)).map((t) => t.firstVideo),
    );
    const span = (Math.max(...consumeAcks) - stormStart) / 1000;
    const perSecond = consumeAcks.length / span;
    const phase = (pick: (t: Timing) => number) => summarize(timings.map(pick));
    const row = (name: string, s: ReturnType<typeof summarize>) =>
      `| ${name} | ${fmt(s.p50)} ms | ${fmt(s.p95)} ms | ${fmt(s.max)} ms |`;
    return {
      id: 'join-storm',
      title: '3. Join storm',
      rows: [
        goalRow(
          `socket connect -> first remote RTP packet, p95 (${received.length}/${clients} clients)`,
          first.p95,
          `p50 ${fmt(first.p50)} ms, p95 ${fmt(first.p95)} ms`,
          {
            op: '<=',
            limit: 300,
            text: 'p95 <= 300 ms',
          },
        ),
        {
          metric: 'first remote video packet',
          value: `p50 ${fmt(video.p50)} ms, p95 ${fmt(video.p95)} ms`,
        },
        {
          metric: 'consumers created per second during the storm',
          value: `${fmt(perSecond)} /s (${consumeAcks.length} in ${fmt(span)} s)`,
        },
      ],
      details: [
        `${clients} patients join ${ROOMS} development rooms (one clinician each, already sending 320x240 VP8 at 15 fps and Opus from synthetic sources), starting evenly over ${SPREAD_MS} ms. Each patient connects its socket, joins, loads a mediasoup-client Device (Chrome111 handler on @roamhq/wrtc) with the router capabilities that came with its admission, sends media:ready asking the server to open its receive transport and consume what it may see (as the web client does), sets up and resumes the two consumers, then polls its receive transport's getStats() (the peer connection's report: wrtc has no per-receiver statistics) every ${POLL_MS} ms until inbound-rtp packetsReceived > 0 (so figures are up to ${POLL_MS} ms late). Times are from the moment the client starts connecting its socket. The server runs in its own process; the clients share the bench process, and everything runs in a private network namespace with only the loopback interface.`,
        '',
        '| Phase (from socket connect start) | p50 | p95 | max |',
        '| --- | --- | --- | --- |',
        row(
          'socket connected',
          phase((t) => t.connected),
        ),
        row(
          'joined (room:join acknowledged)',
          phase((t) => t.joined),
        ),
        row(
          'consumers resumed',
          phase((t) => t.consumed),
        ),
        row(
          '... of which waiting for the server (socket connect, acknowledgements)',
          phase((t) => t.waited),
        ),
        row(
          '... of which client work (Device, SDP, libwebrtc)',
          phase((t) => t.consumed - t.waited),
        ),
        row('first RTP packet (any consumer)', first),
        row('first video RTP packet', video),
        '',
        "The clients are libwebrtc peer connections in one Node process: their SDP work queues on one JavaScript thread and libwebrtc's shared signalling thread, on the same two cores as the server and its workers. The split separates the time each client waited for the server (socket connect, and any time with a request unanswered) from its own work.",
        '',
        failures.length > 0
          ? `Failures: ${failures.length} (${[...new Set(failures)].slice(0, 3).join('; ')}).`
          : 'No client failed.',
      ],
    };
  } finally {
    for (const fn of cleanup.reverse()) {
      try {
        fn();
      } catch {
        // already closed
      }
    }
    await server.close();
  }
};
