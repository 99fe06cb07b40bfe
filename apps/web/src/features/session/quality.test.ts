import { describe, expect, it } from 'vitest';
import type { ReceiveStats, SendStats } from '../../call/stats';
import { classifyLink, receiveQuality, uplinkQuality } from './quality';

const rx = (
  consumerId: string,
  participantId: string,
  packetsReceived: number,
  packetsLost = 0,
  jitter = 0.005,
): ReceiveStats => ({
  consumerId,
  participantId,
  kind: 'audio',
  framesDecoded: 0,
  packetsReceived,
  packetsLost,
  jitter,
});

const tx = (fractionLost: number, roundTripTime: number, jitter = 0.004): SendStats => ({
  source: 'mic',
  kind: 'audio',
  packetsSent: 100,
  fractionLost,
  roundTripTime,
  jitter,
});

describe('link classification', () => {
  it('grades loss, jitter and round trip', () => {
    expect(classifyLink({ lossRate: 0, jitterMs: 5 })).toBe('good');
    expect(classifyLink({ lossRate: 0.02, jitterMs: 30, rttMs: 300 })).toBe('good');
    expect(classifyLink({ lossRate: 0.03, jitterMs: 5 })).toBe('fair');
    expect(classifyLink({ lossRate: 0, jitterMs: 50 })).toBe('fair');
    expect(classifyLink({ lossRate: 0, jitterMs: 5, rttMs: 450 })).toBe('fair');
    expect(classifyLink({ lossRate: 0.1, jitterMs: 5 })).toBe('poor');
    expect(classifyLink({ lossRate: 0, jitterMs: 120 })).toBe('poor');
    expect(classifyLink({ lossRate: 0, jitterMs: 5, rttMs: 900 })).toBe('poor');
  });
});

describe('receive quality', () => {
  it('grades each participant from the packets between two readings', () => {
    const before = [rx('a1', 'a', 1000, 0), rx('a2', 'a', 3000, 10), rx('b1', 'b', 500, 0)];
    const after = [rx('a1', 'a', 1100, 0), rx('a2', 'a', 3400, 10), rx('b1', 'b', 600, 12)];
    const q = receiveQuality(before, after);
    expect(q.get('a')).toBe('good');
    // 12 lost of 112: about 11%.
    expect(q.get('b')).toBe('poor');
  });

  it('uses the worst jitter of a participant’s streams', () => {
    const q = receiveQuality([rx('a1', 'a', 0)], [rx('a1', 'a', 200, 0, 0.05)]);
    expect(q.get('a')).toBe('fair');
  });

  it('says unknown when too little flowed, and counts a new consumer from zero', () => {
    expect(receiveQuality([rx('a1', 'a', 100)], [rx('a1', 'a', 105)]).get('a')).toBe('unknown');
    expect(receiveQuality([], [rx('n1', 'n', 300, 3)]).get('n')).toBe('good');
    expect(receiveQuality([rx('n1', 'n', 5000, 50)], [rx('n1', 'n', 300, 10)]).get('n')).toBe(
      'fair',
    );
  });
});

describe('uplink quality', () => {
  it('is unknown before the server’s first receiver report', () => {
    expect(uplinkQuality([])).toBe('unknown');
    expect(uplinkQuality([tx(0, 0)])).toBe('unknown');
  });

  it('grades the worst of the reported streams', () => {
    expect(uplinkQuality([tx(0, 0.04)])).toBe('good');
    expect(uplinkQuality([tx(0, 0.04), tx(0.05, 0.04)])).toBe('fair');
    expect(uplinkQuality([tx(0, 0.9)])).toBe('poor');
  });
});
