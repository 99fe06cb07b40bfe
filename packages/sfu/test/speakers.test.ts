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
    return { speakers, changes, alice, bob, transport, router };
  }

  /** Both send; the loud one should come to dominate. */
  const talk = (loud: Mic, quiet: Mic, ms = 1500) =>
    Promise.all([loud.speak(ms, 5), quiet.speak(ms, 127)]);

  it('names whoever speaks loudest, and follows the conversation', async () => {
    const { speakers, changes, alice, bob } = await setUp();
    expect(speakers.current().peerId).toBeNull();
    await talk(alice, bob);
    expect(speakers.current()).toEqual({
      group: 'main',
      peerId: 'alice',
      producerId: alice.producer.id,
    });
    expect(speakers.priorityOf(alice.producer.id)).toBe(255);
    expect(speakers.priorityOf(bob.producer.id)).toBe(1);
    await talk(bob, alice, 3000);
    expect(speakers.current().peerId).toBe('bob');
    expect(changes.map((c) => c.peerId)).toEqual(['alice', 'bob']);
  });

  it('drops a speaker who mutes (back on unmuting) or whose microphone closes', async () => {
    const { speakers, changes, alice, bob } = await setUp();
    await talk(alice, bob);
    await alice.producer.pause();
    expect(speakers.current().peerId).toBeNull();
    expect(speakers.priorityOf(alice.producer.id)).toBe(1);
    await alice.producer.resume();
    expect(speakers.current().peerId).toBe('alice');
    alice.producer.close();
    expect(speakers.current()).toEqual({ group: 'main', peerId: null, producerId: null });
    expect(changes.map((c) => c.peerId)).toEqual(['alice', null, 'alice', null]);
  });

  it('keeps a speaker per group: a pair stepped out has its own, the group goes on without it', async () => {
    const { speakers, changes, alice, bob, transport, router } = await setUp();
    const carol = await mic(transport);
    await speakers.add(carol.producer, 'carol');
    await talk(alice, bob);
    expect(speakers.current().peerId).toBe('alice');

    // Alice steps out with Bob: the group's speaker ends at once; the pair is heard apart.
    const observers: types.RtpObserver[] = [];
    router.observer.on('newrtpobserver', (o) => observers.push(o));
    await Promise.all([
      speakers.setGroup('alice', 'stepout:1'),
      speakers.setGroup('bob', 'stepout:1'),
    ]);
    expect(speakers.current()).toEqual({ group: 'main', peerId: null, producerId: null });
    expect(speakers.priorityOf(alice.producer.id)).toBe(1);
    await Promise.all([bob.speak(1500, 5), alice.speak(1500, 127), carol.speak(1500, 10)]);
    expect(speakers.current('stepout:1').peerId).toBe('bob');
    expect(speakers.current().peerId).toBe('carol');
    expect(speakers.priorityOf(bob.producer.id)).toBe(255);
    expect(speakers.priorityOf(carol.producer.id)).toBe(255);

    // A microphone produced later by someone stepped out is heard in their group.
    const bob2 = await mic(transport);
    await speakers.add(bob2.producer, 'bob');
    bob.producer.close();
    expect(speakers.current('stepout:1').peerId).toBeNull();
    await Promise.all([bob2.speak(1500, 5), alice.speak(1500, 127), carol.speak(1500, 127)]);
    expect(speakers.current('stepout:1').peerId).toBe('bob');
    expect(speakers.current().peerId).toBe('carol');

    // Back in the group: the pair's group is gone, and the group hears them again.
    await Promise.all([speakers.setGroup('alice', 'main'), speakers.setGroup('bob', 'main')]);
    expect(speakers.current('stepout:1').peerId).toBeNull();
    // The pair's observers are closed; only the group's new one is left.
    expect(observers.filter((o) => !o.closed)).toHaveLength(1);
    await Promise.all([alice.speak(3000, 5), bob2.speak(3000, 127), carol.speak(3000, 127)]);
    expect(speakers.current().peerId).toBe('alice');
    expect(changes.filter((c) => c.group === 'main').map((c) => c.peerId)).toEqual([
      'alice',
      null,
      'carol',
      'alice',
    ]);
    expect(changes.filter((c) => c.group !== 'main').map((c) => c.peerId)).toEqual([
      'bob',
      null,
      'bob',
      null,
    ]);
  }, 20_000);
});
