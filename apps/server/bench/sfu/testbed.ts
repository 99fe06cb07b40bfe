import { randomBytes } from 'node:crypto';
import type { types } from 'mediasoup';
import { sentLayers, speakerAt, type Policy, type RoomShape } from '../lib/media-model.js';
import { processCpuMicros, procCpuMs, sleep, udpDrops } from '../lib/machine.js';
import { type Delivery, deliveryDelta, lossRatio } from '../lib/stats.js';
import type { Flavor } from './flavors.js';
import { EXT, Generator, PT } from './generator.js';
import { Sinks } from './sinks.js';

/** Ports the bench's plain transports take (none of the server's). */
const PORT_RANGE = { min: 44000, max: 47999 };
const SPEAKER_TURN_MS = 3000;

const TCC = 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01';
const FEEDBACK: types.RtcpFeedback[] = [
  { type: 'nack' },
  { type: 'nack', parameter: 'pli' },
  { type: 'ccm', parameter: 'fir' },
  { type: 'goog-remb' },
  { type: 'transport-cc' },
];

/** A browser's microphone producer parameters, as mediasoup-client would send them. */
function micParameters(): types.RtpParameters {
  return {
    mid: '0',
    codecs: [
      {
        mimeType: 'audio/opus',
        payloadType: PT.opus,
        clockRate: 48000,
        channels: 2,
        parameters: { minptime: 10, useinbandfec: 1, usedtx: 1 },
        rtcpFeedback: [{ type: 'transport-cc' }],
      },
    ],
    headerExtensions: [
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: EXT.mid },
      { uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: EXT.audioLevel },
      { uri: TCC, id: EXT.transportCc },
    ],
    encodings: [{ dtx: true }],
    rtcp: { cname: 'bench', reducedSize: true },
  };
}

function cameraParameters(): types.RtpParameters {
  return {
    mid: '1',
    codecs: [
      { mimeType: 'video/VP8', payloadType: PT.vp8, clockRate: 90000, rtcpFeedback: FEEDBACK },
    ],
    headerExtensions: [
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: EXT.mid },
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id', id: EXT.rid },
      { uri: TCC, id: EXT.transportCc },
    ],
    encodings: [
      { rid: 'r0', scalabilityMode: 'L1T3' },
      { rid: 'r1', scalabilityMode: 'L1T3' },
      { rid: 'r2', scalabilityMode: 'L1T3' },
    ],
    rtcp: { cname: 'bench', reducedSize: true },
  };
}

export interface Room {
  id: string;
  shape: RoomShape;
  router: types.Router;
  consumers: number;
  /** Sink labels: this room's audio and video consumers. */
  labels: { audio: number; video: number };
  sendPorts: number[];
  consumerSsrcs: number[];
  transports: types.Transport[];
}

/** What one measuring window saw. */
export interface Window {
  seconds: number;
  /** Packets the sinks received from consumers. */
  forwarded: number;
  delivery: Delivery;
  loss: number;
  audio: Delivery;
  video: Delivery;
  /** Packets the generator sent into the SFU. */
  sent: number;
  /** Worker CPU time (user + system), ms, summed over workers. */
  workerCpuMs: number;
  /** Highest share of one core any worker used. */
  busiestWorker: number;
  /** CPU of the bench process itself (generator and sinks), in cores. */
  harnessCores: number;
  /** Datagrams the kernel dropped at full receive queues: at the sinks, and at the SFU. */
  sinkDrops: number;
  sfuDrops: number;
  generatorSkippedMs: number;
  /** Consumers that received nothing in the window. */
  silentConsumers: number;
}

/**
 * A flavor of SFU with a generator feeding its producers and sinks counting what its
 * consumers send. Rooms are added with `addRooms`; `measure` runs one window.
 */
export class Testbed {
  readonly rooms: Room[] = [];
  readonly #flavor: Flavor;
  readonly #generator: Generator;
  readonly #sinks: Sinks;
  readonly #policy: Policy;
  readonly #cpu: 'resource-usage' | 'proc';
  #nextLabel = 0;

  private constructor(
    flavor: Flavor,
    generator: Generator,
    sinks: Sinks,
    policy: Policy,
    cpu: 'resource-usage' | 'proc',
  ) {
    this.#flavor = flavor;
    this.#generator = generator;
    this.#sinks = sinks;
    this.#policy = policy;
    this.#cpu = cpu;
  }

  /** `cpu`: where worker CPU time is read (see #workerCpuMs). */
  static async create(
    flavor: Flavor,
    policy: Policy,
    cpu: 'resource-usage' | 'proc' = 'resource-usage',
  ): Promise<Testbed> {
    const generator = Generator.create();
    const sinks = await Sinks.create();
    const bed = new Testbed(flavor, generator, sinks, policy, cpu);
    generator.start();
    return bed;
  }

  get flavor(): Flavor {
    return this.#flavor;
  }

  get consumers(): number {
    return this.rooms.reduce((n, r) => n + r.consumers, 0);
  }

  async addRooms(shape: RoomShape, count: number): Promise<void> {
    for (let i = 0; i < count; i++) this.rooms.push(await this.#buildRoom(shape));
  }

  /** Closes the last `count` rooms' transports and stops feeding them. */
  async removeRooms(count: number): Promise<void> {
    for (const room of this.rooms.splice(Math.max(0, this.rooms.length - count))) {
      for (const port of room.sendPorts) this.#generator.removeTarget(port);
      for (const t of room.transports) t.close();
      room.router.close();
      await this.#sinks.untrack(room.consumerSsrcs);
      this.#sinks.forget([room.labels.audio, room.labels.video]);
    }
  }

  /** Waits until every consumer delivered a packet (key frames asked for and sent), or `ms`. */
  async settle(ms: number): Promise<number> {
    const deadline = Date.now() + ms;
    let silent = Number.POSITIVE_INFINITY;
    while (Date.now() < deadline) {
      const snap = this.#sinks.snapshot();
      silent = [...snap.labels.values()].reduce((n, c) => n + c.silent, 0);
      if (silent === 0) return 0;
      await sleep(100);
    }
    return silent;
  }

  async measure(seconds: number): Promise<Window> {
    const sinkPorts = new Set(this.#sinks.ports);
    const sfuPorts = new Set(this.rooms.flatMap((r) => r.sendPorts));
    const before = await this.#sample(sinkPorts, sfuPorts);
    await sleep(seconds * 1000);
    const after = await this.#sample(sinkPorts, sfuPorts);
    const wall = (after.at - before.at) / 1000;
    const sum = (labels: Map<number, Delivery>, pick: (r: Room) => number): Delivery =>
      this.rooms.reduce(
        (d, r) => {
          const c = labels.get(pick(r)) ?? { received: 0, expected: 0 };
          return { received: d.received + c.received, expected: d.expected + c.expected };
        },
        { received: 0, expected: 0 },
      );
    const audio = deliveryDelta(
      sum(before.labels, (r) => r.labels.audio),
      sum(after.labels, (r) => r.labels.audio),
    );
    const video = deliveryDelta(
      sum(before.labels, (r) => r.labels.video),
      sum(after.labels, (r) => r.labels.video),
    );
    const delivery = {
      received: audio.received + video.received,
      expected: audio.expected + video.expected,
    };
    const perWorker = after.workerCpu.map((ms, i) => ms - (before.workerCpu[i] ?? 0));
    return {
      seconds: wall,
      forwarded: delivery.received,
      delivery,
      loss: lossRatio(delivery),
      audio,
      video,
      sent: after.sent - before.sent,
      workerCpuMs: perWorker.reduce((a, b) => a + b, 0),
      busiestWorker: Math.max(0, ...perWorker) / 1000 / wall,
      harnessCores: (after.cpu - before.cpu) / 1e6 / wall,
      sinkDrops: after.sinkDrops - before.sinkDrops,
      sfuDrops: after.sfuDrops - before.sfuDrops,
      generatorSkippedMs: after.skipped - before.skipped,
      silentConsumers: after.silent,
    };
  }

  /** Stops the generator: the rooms stay, no media flows. */
  pause(): void {
    this.#generator.stop();
  }

  resume(): void {
    this.#generator.start();
  }

  /** The receivers this bed counts consumers' packets with. */
  get sinks(): Sinks {
    return this.#sinks;
  }

  async close(): Promise<void> {
    await this.#generator.close();
    for (const room of this.rooms) for (const t of room.transports) t.close();
    await this.#sinks.close();
    await this.#flavor.close();
  }

  /**
   * A worker's CPU time (ms): worker.getResourceUsage() (ru_utime + ru_stime), or with
   * `cpu: 'proc'` the same counters from /proc, which an overloaded worker, slow to
   * answer requests, cannot delay.
   */
  async #workerCpuMs(worker: types.Worker): Promise<number> {
    if (this.#cpu === 'proc') {
      const ms = procCpuMs(worker.pid);
      if (ms !== undefined) return ms;
    }
    const usage = await worker.getResourceUsage();
    return usage.ru_utime + usage.ru_stime;
  }

  async #sample(sinkPorts: Set<number>, sfuPorts: Set<number>) {
    const workerCpu = await Promise.all(this.#flavor.workers().map((w) => this.#workerCpuMs(w)));
    const snap = this.#sinks.snapshot();
    const labels = new Map<number, Delivery>();
    for (const [label, c] of snap.labels)
      labels.set(label, { received: c.received, expected: c.expected });
    return {
      at: Date.now(),
      labels,
      workerCpu,
      cpu: processCpuMicros(),
      sent: this.#generator.sent,
      skipped: this.#generator.skippedMs,
      sinkDrops: udpDrops(sinkPorts),
      sfuDrops: udpDrops(sfuPorts),
      silent: [...snap.labels.values()].reduce((n, c) => n + c.silent, 0),
    };
  }

  async #buildRoom(shape: RoomShape): Promise<Room> {
    const id = `bench-${randomBytes(4).toString('hex')}`;
    const router = await this.#flavor.createRouter(id);
    const listenInfo: types.TransportListenInfo = {
      protocol: 'udp',
      ip: '127.0.0.1',
      portRange: PORT_RANGE,
      ...this.#flavor.listen,
    };
    const caps = withoutBandwidthEstimation(router.rtpCapabilities);
    const labels = { audio: this.#nextLabel++, video: this.#nextLabel++ };
    const sendPorts: number[] = [];
    const transports: types.Transport[] = [];
    const producers: { owner: number; producer: types.Producer }[] = [];
    const policy = this.#policy;

    for (let p = 0; p < shape.senders; p++) {
      const send = await router.createPlainTransport({ listenInfo, rtcpMux: true, comedia: true });
      transports.push(send);
      const port = send.tuple.localPort;
      sendPorts.push(port);
      const target = await this.#generator.target(port);
      const mode =
        policy.audio === 'all'
          ? () => 'speech' as const
          : (ms: number) =>
              speakerAt(ms, shape.senders, SPEAKER_TURN_MS) === p
                ? ('speech' as const)
                : ('dtx' as const);
      const mic = micParameters();
      mic.encodings = [{ ssrc: this.#generator.addAudio(target, '0', mode), dtx: true }];
      producers.push({
        owner: p,
        producer: await send.produce({ kind: 'audio', rtpParameters: mic }),
      });
      this.#generator.addVideo(target, '1', sentLayers(policy));
      producers.push({
        owner: p,
        producer: await send.produce({ kind: 'video', rtpParameters: cameraParameters() }),
      });
    }

    const tracked: [number, number][] = [];
    let consumers = 0;
    for (let v = 0; v < shape.participants; v++) {
      const recv = await router.createPlainTransport({
        listenInfo,
        rtcpMux: true,
        comedia: false,
        enableSrtp: true,
      });
      transports.push(recv);
      await recv.connect({
        ip: '127.0.0.1',
        port: this.#sinks.port(this.rooms.length * shape.participants + v),
        srtpParameters: {
          cryptoSuite: 'AES_CM_128_HMAC_SHA1_80',
          keyBase64: randomBytes(30).toString('base64'),
        },
      });
      // A viewer's consumers are created together, as a client consuming a room's
      // producers after joining asks for them.
      await Promise.all(
        producers
          .filter(({ owner }) => owner !== v)
          .map(async ({ producer }) => {
            const consumer = await this.#flavor.consume(recv, producer, caps);
            if (producer.kind === 'video' && policy.spatialLayer !== undefined) {
              await consumer.setPreferredLayers({ spatialLayer: policy.spatialLayer });
            }
            const ssrc = consumer.rtpParameters.encodings?.[0]?.ssrc;
            if (ssrc) tracked.push([ssrc, producer.kind === 'audio' ? labels.audio : labels.video]);
            consumers++;
          }),
      );
    }
    await this.#sinks.track(tracked);
    return {
      id,
      shape,
      router,
      consumers,
      labels,
      sendPorts,
      consumerSsrcs: tracked.map(([s]) => s),
      transports,
    };
  }
}

/**
 * A receiver's capabilities without transport-cc and REMB. The sinks send no feedback,
 * so with either negotiated mediasoup would keep each transport at its initial bitrate
 * estimate and thin out the layers; a browser's feedback lets the estimate grow.
 */
export function withoutBandwidthEstimation(caps: types.RtpCapabilities): types.RtpCapabilities {
  return {
    codecs: (caps.codecs ?? []).map((codec) => ({
      ...codec,
      rtcpFeedback: (codec.rtcpFeedback ?? []).filter(
        (fb) => fb.type !== 'transport-cc' && fb.type !== 'goog-remb',
      ),
    })),
    headerExtensions: (caps.headerExtensions ?? []).filter((ext) => ext.uri !== TCC),
  };
}
