import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { WorkerPool } from '@haven/sfu';

/**
 * Where the rooms of a run come from. 'haven' is @haven/sfu's WorkerPool: its worker
 * settings, its router codecs, its placement, and consumers created the way PeerMedia
 * creates them (paused, then resumed; simulcast at the top layer). 'bare' is mediasoup's
 * API with its defaults and the two codecs the test needs.
 */
export interface Flavor {
  readonly name: 'haven' | 'bare';
  /** A router for a new room. */
  createRouter(roomId: string): Promise<types.Router>;
  /** Creates a consumer as this flavor's server code would, flowing when it returns. */
  consume(
    transport: types.Transport,
    producer: types.Producer,
    caps: types.RtpCapabilities,
    preferredLayers?: types.ConsumerLayers,
  ): Promise<types.Consumer>;
  workers(): types.Worker[];
  /** Socket settings for the transports the bench creates, as this flavor's server would set them. */
  readonly listen: Pick<types.TransportListenInfo, 'sendBufferSize' | 'recvBufferSize'>;
  close(): Promise<void>;
}

/** The codecs a bare mediasoup app would configure for Opus and VP8. */
const BARE_CODECS: types.RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
];

export async function havenFlavor(numWorkers: number): Promise<Flavor> {
  // The pool keeps its routers to itself; mediasoup's observer hands them to the bench.
  const workers: types.Worker[] = [];
  const routers: types.Router[] = [];
  const onRouter = (router: types.Router): void => void routers.push(router);
  const onWorker = (worker: types.Worker): void => {
    workers.push(worker);
    worker.observer.on('newrouter', onRouter);
    worker.observer.once('close', () => {
      const at = workers.indexOf(worker);
      if (at >= 0) workers.splice(at, 1);
    });
  };
  mediasoup.observer.on('newworker', onWorker);
  let pool: WorkerPool;
  try {
    pool = await WorkerPool.create({
      numWorkers,
      listenIp: '127.0.0.1',
      rtcMinPort: 40000,
      rtcMaxPort: 40999,
      enableTcp: false,
    });
  } finally {
    mediasoup.observer.off('newworker', onWorker);
  }
  return {
    name: 'haven',
    async createRouter(roomId) {
      const before = routers.length;
      await pool.createRoom(roomId);
      const router = routers[before];
      if (!router) throw new Error('the pool created no router');
      return router;
    },
    async consume(transport, producer, caps, preferredLayers) {
      const top = Math.max(0, (producer.rtpParameters.encodings?.length ?? 1) - 1);
      const consumer = await transport.consume({
        producerId: producer.id,
        rtpCapabilities: caps,
        paused: true,
        ...(producer.type === 'simulcast'
          ? { preferredLayers: preferredLayers ?? { spatialLayer: top } }
          : {}),
      });
      await consumer.resume();
      return consumer;
    },
    workers: () => [...workers],
    listen: { sendBufferSize: pool.socketBufferBytes, recvBufferSize: pool.socketBufferBytes },
    close: () => pool.close(),
  };
}

export async function bareFlavor(numWorkers: number): Promise<Flavor> {
  const workers: types.Worker[] = [];
  for (let i = 0; i < numWorkers; i++) workers.push(await mediasoup.createWorker());
  let next = 0;
  return {
    name: 'bare',
    createRouter(_roomId) {
      const worker = workers[next++ % workers.length]!;
      return worker.createRouter({ mediaCodecs: BARE_CODECS });
    },
    consume(transport, producer, caps, preferredLayers) {
      return transport.consume({
        producerId: producer.id,
        rtpCapabilities: caps,
        ...(preferredLayers ? { preferredLayers } : {}),
      });
    },
    workers: () => [...workers],
    listen: {},
    async close() {
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker.subprocessClosed) return resolve();
              worker.once('subprocessclose', () => resolve());
              worker.close();
            }),
        ),
      );
    },
  };
}

export const flavors = { haven: havenFlavor, bare: bareFlavor } as const;
