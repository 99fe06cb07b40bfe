import type { ReceiveStats, SendStats } from '../../call/stats';

/** How well media flows on one link, for a small indicator; unknown when too little flowed to tell. */
export type LinkQuality = 'good' | 'fair' | 'poor' | 'unknown';

export interface LinkFigures {
  /** Share of packets lost, 0 to 1. */
  lossRate: number;
  jitterMs: number;
  /** Round trip to the server, when known. */
  rttMs?: number;
}

/**
 * Thresholds in the spirit of common VoIP guidance: under 2% loss and 30 ms jitter is
 * clean; past 8% loss, 80 ms jitter or 600 ms round trip, speech breaks up.
 */
export function classifyLink({ lossRate, jitterMs, rttMs = 0 }: LinkFigures): LinkQuality {
  if (lossRate > 0.08 || jitterMs > 80 || rttMs > 600) return 'poor';
  if (lossRate > 0.02 || jitterMs > 30 || rttMs > 300) return 'fair';
  return 'good';
}

/** Fewer packets than this between two readings say nothing (a muted microphone sends almost none). */
export const MIN_PACKETS = 20;

/**
 * The quality of what this browser receives from each participant between two readings
 * of `CallClient.receiveStats()`: loss from the packet counters, jitter from the worst stream.
 */
export function receiveQuality(
  previous: readonly ReceiveStats[],
  current: readonly ReceiveStats[],
): Map<string, LinkQuality> {
  const before = new Map(previous.map((r) => [r.consumerId, r]));
  const totals = new Map<string, { received: number; lost: number; jitter: number }>();
  for (const row of current) {
    const old = before.get(row.consumerId);
    // A counter that went down belongs to a new consumer: count it from zero.
    const fresh = !old || row.packetsReceived < old.packetsReceived;
    const received = row.packetsReceived - (fresh ? 0 : old.packetsReceived);
    const lost = Math.max(0, row.packetsLost - (fresh ? 0 : old.packetsLost));
    const sum = totals.get(row.participantId) ?? { received: 0, lost: 0, jitter: 0 };
    sum.received += received;
    sum.lost += lost;
    sum.jitter = Math.max(sum.jitter, row.jitter);
    totals.set(row.participantId, sum);
  }
  const result = new Map<string, LinkQuality>();
  for (const [participantId, { received, lost, jitter }] of totals) {
    const packets = received + lost;
    result.set(
      participantId,
      packets < MIN_PACKETS
        ? 'unknown'
        : classifyLink({ lossRate: lost / packets, jitterMs: jitter * 1000 }),
    );
  }
  return result;
}

/** This browser's uplink, from the server's receiver reports; unknown before the first one. */
export function uplinkQuality(stats: readonly SendStats[]): LinkQuality {
  const reported = stats.filter((s) => s.roundTripTime > 0);
  if (reported.length === 0) return 'unknown';
  return classifyLink({
    lossRate: Math.max(...reported.map((s) => s.fractionLost)),
    jitterMs: Math.max(...reported.map((s) => s.jitter)) * 1000,
    rttMs: Math.max(...reported.map((s) => s.roundTripTime)) * 1000,
  });
}
