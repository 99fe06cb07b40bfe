import { randomBytes, randomInt } from 'node:crypto';
import { HavenError } from '@haven/protocol';
import type { DtlsParameters, RtpParameters, TransportOptions } from '@haven/protocol';
import { afterEach } from 'vitest';
import {
  WorkerPool,
  type PeerMedia,
  type RoomMedia,
  type SfuConfig,
  type TypedEmitter,
} from '../src/index.js';

export const baseConfig: SfuConfig = {
  numWorkers: 1,
  logLevel: 'error',
  rtcMinPort: 46000,
  rtcMaxPort: 46999,
  listenIp: '127.0.0.1',
};

/**
 * A fresh pool per test, closed (with its worker processes) after the test. `open()`
 * may be called several times in one test; every pool it made is closed.
 */
export function usePools(): { open: (config?: Partial<SfuConfig>) => Promise<WorkerPool> } {
  const pools: WorkerPool[] = [];
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.close()));
  });
  return {
    open: async (config = {}) => {
      const pool = await WorkerPool.create({ ...baseConfig, ...config });
      pools.push(pool);
      return pool;
    },
  };
}

/** DTLS parameters as a browser sends them: one sha-256 fingerprint of a (random) certificate. */
export function dtlsParameters(): DtlsParameters {
  const value = [...randomBytes(32)].map((b) => b.toString(16).padStart(2, '0').toUpperCase());
  return { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: value.join(':') }] };
}

const ssrc = (): number => randomInt(1_000_000, 4_000_000_000);

/** What a browser's Opus microphone producer sends. */
export function opusParameters(): RtpParameters {
  return {
    mid: '0',
    codecs: [
      {
        mimeType: 'audio/opus',
        payloadType: 111,
        clockRate: 48000,
        channels: 2,
        parameters: { minptime: 10, useinbandfec: 1, usedtx: 1 },
        rtcpFeedback: [{ type: 'transport-cc' }],
      },
    ],
    headerExtensions: [
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 },
      { uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 10 },
    ],
    encodings: [{ ssrc: ssrc(), dtx: true }],
    rtcp: { cname: 'test-cname', reducedSize: true },
  };
}

/** What a browser's VP8 camera producer sends: three simulcast encodings identified by rid. */
export function vp8SimulcastParameters(): RtpParameters {
  return {
    mid: '1',
    codecs: [
      {
        mimeType: 'video/VP8',
        payloadType: 96,
        clockRate: 90000,
        rtcpFeedback: [
          { type: 'goog-remb' },
          { type: 'transport-cc' },
          { type: 'ccm', parameter: 'fir' },
          { type: 'nack' },
          { type: 'nack', parameter: 'pli' },
        ],
      },
      { mimeType: 'video/rtx', payloadType: 97, clockRate: 90000, parameters: { apt: 96 } },
    ],
    headerExtensions: [
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 },
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id', id: 2 },
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id', id: 3 },
      { uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time', id: 4 },
      { uri: 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01', id: 5 },
    ],
    encodings: [
      { rid: 'r0', scalabilityMode: 'L1T3', maxBitrate: 100_000, scaleResolutionDownBy: 4 },
      { rid: 'r1', scalabilityMode: 'L1T3', maxBitrate: 300_000, scaleResolutionDownBy: 2 },
      { rid: 'r2', scalabilityMode: 'L1T3', maxBitrate: 900_000 },
    ],
    rtcp: { cname: 'test-cname', reducedSize: true },
  };
}

/** Resolves with the next payload of `event`, or rejects after `ms`. */
export function nextEvent<E extends object, K extends keyof E>(
  emitter: TypedEmitter<E>,
  event: K,
  ms = 3000,
): Promise<E[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${String(event)}' within ${ms} ms`)), ms);
    emitter.once(event, (payload) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** The HavenError code `action` fails with (sync or async), or undefined when it succeeds. */
export async function codeOf(action: () => unknown): Promise<string | undefined> {
  try {
    await action();
  } catch (error) {
    return error instanceof HavenError ? error.code : `not a HavenError: ${String(error)}`;
  }
  return undefined;
}

export interface Participant {
  peer: PeerMedia;
  send: TransportOptions;
  recv: TransportOptions;
}

/** A peer that can receive everything the router sends, with both transports created. */
export async function join(room: RoomMedia, peerId: string): Promise<Participant> {
  const peer = room.createPeer(peerId);
  peer.setRtpCapabilities(room.rtpCapabilities);
  const send = await peer.createTransport('send');
  const recv = await peer.createTransport('recv');
  return { peer, send, recv };
}

/** A camera producer of `p`'s, with three simulcast encodings. */
export const produceCamera = (p: Participant) =>
  p.peer.produce({
    transportId: p.send.id,
    kind: 'video',
    source: 'camera',
    rtpParameters: vp8SimulcastParameters(),
  });
