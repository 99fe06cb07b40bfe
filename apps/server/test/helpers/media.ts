import { randomBytes, randomInt } from 'node:crypto';
import type { DtlsParameters, RtpParameters } from '@haven/protocol';
import type { TestClient } from './client.js';

/** DTLS parameters shaped like a browser's: one sha-256 fingerprint. */
export function dtls(): DtlsParameters {
  const bytes = [...randomBytes(32)].map((b) => b.toString(16).padStart(2, '0').toUpperCase());
  return { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: bytes.join(':') }] };
}

const ssrc = (): number => randomInt(1_000_000, 4_000_000_000);

export function opus(): RtpParameters {
  return {
    mid: '0',
    codecs: [
      {
        mimeType: 'audio/opus',
        payloadType: 111,
        clockRate: 48000,
        channels: 2,
        parameters: { useinbandfec: 1, usedtx: 1 },
      },
    ],
    headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 }],
    encodings: [{ ssrc: ssrc() }],
    rtcp: { cname: 'haven-test' },
  };
}

/** A camera producer with three simulcast layers, as the web client sends it. */
export function vp8Simulcast(): RtpParameters {
  return {
    mid: '1',
    codecs: [
      {
        mimeType: 'video/VP8',
        payloadType: 96,
        clockRate: 90000,
        rtcpFeedback: [{ type: 'nack' }],
      },
      { mimeType: 'video/rtx', payloadType: 97, clockRate: 90000, parameters: { apt: 96 } },
    ],
    headerExtensions: [
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 },
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id', id: 2 },
      { uri: 'urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id', id: 3 },
    ],
    encodings: [
      { rid: 'r0', scalabilityMode: 'L1T3', scaleResolutionDownBy: 4 },
      { rid: 'r1', scalabilityMode: 'L1T3', scaleResolutionDownBy: 2 },
      { rid: 'r2', scalabilityMode: 'L1T3' },
    ],
    rtcp: { cname: 'haven-test' },
  };
}

/**
 * Does what a browser does after admission, without a browser: load capabilities,
 * declare them, open and connect both transports. Returns the transport ids.
 */
export async function setUpMedia(client: TestClient) {
  const { routerRtpCapabilities } = await client.ok('media:capabilities', {});
  const ready = await client.ok('media:ready', { rtpCapabilities: routerRtpCapabilities });
  const send = await client.ok('media:createTransport', { direction: 'send' });
  const recv = await client.ok('media:createTransport', { direction: 'recv' });
  await client.ok('media:connectTransport', { transportId: send.id, dtlsParameters: dtls() });
  await client.ok('media:connectTransport', { transportId: recv.id, dtlsParameters: dtls() });
  return { sendId: send.id, recvId: recv.id, existing: ready.producers };
}

/** Publishes a microphone and a simulcast camera. */
export async function publish(client: TestClient, sendId: string) {
  const mic = await client.ok('media:produce', {
    transportId: sendId,
    kind: 'audio',
    source: 'mic',
    rtpParameters: opus(),
  });
  const cam = await client.ok('media:produce', {
    transportId: sendId,
    kind: 'video',
    source: 'camera',
    rtpParameters: vp8Simulcast(),
  });
  return { micId: mic.producerId, camId: cam.producerId };
}
