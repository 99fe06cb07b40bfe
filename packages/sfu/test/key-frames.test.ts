import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorker, type types } from 'mediasoup';
import { KEY_FRAME_REQUEST_DELAY_MS } from '../src/peer-producers.js';
import { BROWSER_KEY_FRAME_INTERVAL_MS } from '../src/shared.js';

const SSRC = 0x1234_5678;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** One VP8 packet, a key frame when `key` (RFC 7741: descriptor, then the payload header). */
function vp8Packet(seq: number, key: boolean): Buffer {
  const packet = Buffer.alloc(12 + 1 + 10);
  packet[0] = 0x80;
  packet[1] = 0x80 | 96; // marker, VP8
  packet.writeUInt16BE(seq & 0xffff, 2);
  packet.writeUInt32BE((seq * 6000) >>> 0, 4);
  packet.writeUInt32BE(SSRC, 8);
  packet[12] = 0x10; // start of partition 0
  packet[13] = key ? 0x10 : 0x11; // the frame tag's P bit: 0 for a key frame
  return packet;
}

/** Picture loss indications for `ssrc` in an RTCP compound packet. */
function plis(packet: Buffer, ssrc: number): number {
  let count = 0;
  for (let at = 0; at + 4 <= packet.length;) {
    const length = (packet.readUInt16BE(at + 2) + 1) * 4;
    const pli = packet[at + 1] === 206 && (packet[at]! & 0x1f) === 1;
    if (pli && at + 12 <= packet.length && packet.readUInt32BE(at + 8) === ssrc) count++;
    at += length;
  }
  return count;
}

/**
 * A camera as mediasoup sees it (a producer fed VP8 from a UDP socket, key frames only
 * when asked) and a way to add viewers; records when each key frame request reached it.
 */
async function camera() {
  const worker = await createWorker({ logLevel: 'error' });
  cleanup.push(() => worker.close());
  const router = await worker.createRouter({
    mediaCodecs: [{ kind: 'video', mimeType: 'video/VP8', clockRate: 90000 }],
  });
  const listenInfo: types.TransportListenInfo = { protocol: 'udp', ip: '127.0.0.1' };
  const send = await router.createPlainTransport({ listenInfo, rtcpMux: true, comedia: true });
  const producer = await send.produce({
    kind: 'video',
    rtpParameters: {
      codecs: [
        {
          mimeType: 'video/VP8',
          payloadType: 96,
          clockRate: 90000,
          rtcpFeedback: [{ type: 'nack', parameter: 'pli' }],
        },
      ],
      encodings: [{ ssrc: SSRC }],
    },
    keyFrameRequestDelay: KEY_FRAME_REQUEST_DELAY_MS,
  });
  const socket = dgram.createSocket('udp4');
  cleanup.push(() => socket.close());
  const requests: number[] = [];
  let seq = 0;
  let keyFrameAsked = true;
  socket.on('message', (packet) => {
    const asked = plis(packet, SSRC);
    for (let i = 0; i < asked; i++) requests.push(performance.now());
    if (asked > 0) keyFrameAsked = true;
  });
  const frame = () => {
    socket.send(vp8Packet(seq++, keyFrameAsked), send.tuple.localPort, '127.0.0.1');
    keyFrameAsked = false;
  };
  frame();
  const timer = setInterval(frame, 20);
  cleanup.push(() => clearInterval(timer));

  const sink = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => sink.bind(0, '127.0.0.1', resolve));
  cleanup.push(() => sink.close());
  const recv = await router.createPlainTransport({ listenInfo, rtcpMux: true, comedia: false });
  await recv.connect({ ip: '127.0.0.1', port: sink.address().port });
  /** A viewer: a consumer that starts flowing at once, so it asks for a key frame. */
  const viewer = () =>
    recv.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
  return { requests, viewer };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('key frame requests to a camera', () => {
  it('holds a request that comes just after another until the browser would answer it', async () => {
    const { requests, viewer } = await camera();
    await sleep(100);
    await viewer();
    await expect.poll(() => requests.length).toBe(1);
    // Two more viewers just after the first one's key frame came: a browser would ignore
    // a request now; both are served by one request once it would answer again.
    await sleep(80);
    await viewer();
    await sleep(40);
    await viewer();
    await expect.poll(() => requests.length, { timeout: 2000 }).toBeGreaterThanOrEqual(2);
    await sleep(KEY_FRAME_REQUEST_DELAY_MS + 100);
    // Here: one request for both. On a machine too busy to add them within the delay, more
    // requests, but never two within the browser's interval.
    const gaps = requests.slice(1).map((at, i) => at - requests[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(BROWSER_KEY_FRAME_INTERVAL_MS);
  });

  it('asks at once when nobody asked for a while', async () => {
    const { requests, viewer } = await camera();
    await viewer();
    await expect.poll(() => requests.length).toBe(1);
    await sleep(KEY_FRAME_REQUEST_DELAY_MS + 100);
    const before = performance.now();
    await viewer();
    await expect.poll(() => requests.length).toBe(2);
    expect(requests[1]! - before).toBeLessThan(BROWSER_KEY_FRAME_INTERVAL_MS);
  });
});
