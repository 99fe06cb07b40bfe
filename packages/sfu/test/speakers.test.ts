import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { afterEach, describe, expect, it } from 'vitest';
import { mediaCodecs, silentLogger } from '../src/index.js';
import { ActiveSpeakers, type SpeakerChange } from '../src/speakers.js';

const AUDIO_LEVEL_EXT = 10;
const OPUS_PT = 111;

/** One 20 ms Opus packet with an RFC 6464 audio level: 0 is as loud as it gets, 127 silence. */
function opusPacket(ssrc: number, seq: number, dBov: number): Buffer {
  const payload = Buffer.alloc(60, 0xfc);
  const out = Buffer.alloc(20 + payload.length);
  out[0] = 0x90; // version 2, header extension present
  out[1] = OPUS_PT;
  out.writeUInt16BE(seq & 0xffff, 2);
  out.writeUInt32BE((seq * 960) >>> 0, 4);
  out.writeUInt32BE(ssrc, 8);
  out.writeUInt16BE(0xbede, 12); // RFC 8285 one-byte header extensions
  out.writeUInt16BE(1, 14); // one 32-bit word follows
  out[16] = (AUDIO_LEVEL_EXT << 4) | 0; // id 10, one byte of value
  out[17] = 0x80 | dBov; // voice activity flag and level
  payload.copy(out, 20);
  return out;
}

/** A microphone fed by the test: packets go in through a DirectTransport, as if from a browser. */
interface Mic {
  producer: types.Producer;
  /** Sends `ms` of packets at the level, 20 ms apart. */
  speak(ms: number, dBov: number): Promise<void>;
}

async function mic(transport: types.DirectTransport): Promise<Mic> {
  const ssrc = 1000 + Math.floor(Math.random() * 1_000_000);
  const producer = await transport.produce({
    kind: 'audio',
    rtpParameters: {
      codecs: [{ mimeType: 'audio/opus', payloadType: OPUS_PT, clockRate: 48000, channels: 2 }],
      headerExtensions: [
        { uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: AUDIO_LEVEL_EXT },
      ],
      encodings: [{ ssrc }],
    },
  });
  let seq = 0;
  return {
    producer,
    async speak(ms, dBov) {
      for (let t = 0; t < ms; t += 20) {
        producer.send(opusPacket(ssrc, seq++, dBov));
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

describe('active speakers', () => {
  let worker: types.Worker | undefined;
  afterEach(() => worker?.close());

  async function setUp() {
    worker = await mediasoup.createWorker({ logLevel: 'error' });
    const router = await worker.createRouter({ mediaCodecs: [...mediaCodecs] });
    const transport = await router.createDirectTransport();
    const changes: SpeakerChange[] = [];
    const speakers = new ActiveSpeakers(router, silentLogger, (c) => changes.push(c));
    const [alice, bob] = [await mic(transport), await mic(transport)];
    await speakers.add(alice.producer, 'alice');
    await speakers.add(bob.producer, 'bob');
    return { speakers, changes, alice, bob };
  }

  /** Both send; the loud one should come to dominate. */
  const talk = (loud: Mic, quiet: Mic, ms = 1500) =>
    Promise.all([loud.speak(ms, 5), quiet.speak(ms, 127)]);

  it('names whoever speaks loudest, and follows the conversation', async () => {
    const { speakers, changes, alice, bob } = await setUp();
    expect(speakers.current.peerId).toBeNull();
    await talk(alice, bob);
    expect(speakers.current).toEqual({ peerId: 'alice', producerId: alice.producer.id });
    expect(speakers.priorityOf(alice.producer.id)).toBe(255);
    expect(speakers.priorityOf(bob.producer.id)).toBe(1);
    await talk(bob, alice, 3000);
    expect(speakers.current.peerId).toBe('bob');
    expect(changes.map((c) => c.peerId)).toEqual(['alice', 'bob']);
  });

  it('drops a speaker who mutes (back on unmuting) or whose microphone closes', async () => {
    const { speakers, changes, alice, bob } = await setUp();
    await talk(alice, bob);
    await alice.producer.pause();
    expect(speakers.current.peerId).toBeNull();
    expect(speakers.priorityOf(alice.producer.id)).toBe(1);
    await alice.producer.resume();
    expect(speakers.current.peerId).toBe('alice');
    alice.producer.close();
    expect(speakers.current).toEqual({ peerId: null, producerId: null });
    expect(changes.map((c) => c.peerId)).toEqual(['alice', null, 'alice', null]);
  });
});
