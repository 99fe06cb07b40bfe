import { createHmac, randomBytes, randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import { crc32 } from 'node:zlib';
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

/** A STUN attribute: type, length, value padded to 4 bytes. */
function stunAttribute(type: number, value: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(type, 0);
  header.writeUInt16BE(value.length, 2);
  return Buffer.concat([header, value, Buffer.alloc((4 - (value.length % 4)) % 4)]);
}

/**
 * Sends the ICE connectivity check a browser would send first to a transport (a STUN
 * binding request with its credentials, integrity and fingerprint, RFC 8445) and resolves
 * with the transport's answer: from then on the transport has seen the client's ICE.
 */
export async function iceCheck(transport: TransportOptions): Promise<void> {
  const candidate = transport.iceCandidates.find((c) => c.protocol === 'udp');
  if (!candidate) throw new Error('the transport has no UDP candidate');
  const header = (length: number): Buffer => {
    const h = Buffer.alloc(20);
    h.writeUInt16BE(0x0001, 0); // binding request
    h.writeUInt16BE(length, 2);
    h.writeUInt32BE(0x2112a442, 4); // magic cookie
    transactionId.copy(h, 8);
    return h;
  };
  const transactionId = randomBytes(12);
  const priority = Buffer.alloc(4);
  priority.writeUInt32BE(1_845_501_695, 0);
  let body = Buffer.concat([
    stunAttribute(0x0006, Buffer.from(`${transport.iceParameters.usernameFragment}:client`)),
    stunAttribute(0x0024, priority),
    stunAttribute(0x802a, randomBytes(8)), // ICE-CONTROLLING
  ]);
  // MESSAGE-INTEGRITY covers the message with the length as if it ended after itself.
  const hmac = createHmac('sha1', transport.iceParameters.password)
    .update(Buffer.concat([header(body.length + 24), body]))
    .digest();
  body = Buffer.concat([body, stunAttribute(0x0008, hmac)]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE((crc32(Buffer.concat([header(body.length + 8), body])) ^ 0x5354554e) >>> 0, 0);
  body = Buffer.concat([body, stunAttribute(0x8028, crc)]);
  const socket = dgram.createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no STUN answer within 3 s')), 3000);
      socket.once('message', (message) => {
        clearTimeout(timer);
        // 0x0101: binding success response.
        if (message.readUInt16BE(0) === 0x0101) resolve();
        else reject(new Error(`STUN answer of type ${message.readUInt16BE(0).toString(16)}`));
      });
      socket.send(Buffer.concat([header(body.length), body]), candidate.port, candidate.address);
    });
  } finally {
    socket.close();
  }
}
