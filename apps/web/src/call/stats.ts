import type { types } from 'mediasoup-client';
import type { LocalSource } from './types';

/** How this browser's own uplink fares, as the server's receiver reports tell it (RTCP). */
export interface SendStats {
  source: LocalSource;
  kind: 'audio' | 'video';
  packetsSent: number;
  /** Share of packets lost since the receiver's previous report, 0 to 1. */
  fractionLost: number;
  /** Seconds; 0 until the first receiver report. */
  roundTripTime: number;
  /** Seconds. */
  jitter: number;
}

/** What this browser receives of one consumer, as counted since it was created. */
export interface ReceiveStats {
  consumerId: string;
  participantId: string;
  kind: 'audio' | 'video';
  framesDecoded: number;
  packetsReceived: number;
  packetsLost: number;
  /** Seconds. */
  jitter: number;
}

/** The fields of an RTCStats entry read here; browsers differ on which they fill. */
interface RtpStat {
  type: string;
  framesDecoded?: number;
  packetsReceived?: number;
  packetsLost?: number;
  packetsSent?: number;
  fractionLost?: number;
  roundTripTime?: number;
  jitter?: number;
}

export async function readSendStats(
  source: LocalSource,
  producer: types.Producer,
): Promise<SendStats> {
  const report = await producer.getStats();
  const row: SendStats = {
    source,
    kind: producer.kind,
    packetsSent: 0,
    fractionLost: 0,
    roundTripTime: 0,
    jitter: 0,
  };
  report.forEach((stat: RtpStat) => {
    if (stat.type === 'outbound-rtp') row.packetsSent += stat.packetsSent ?? 0;
    if (stat.type !== 'remote-inbound-rtp') return;
    // Simulcast reports one entry per layer: the worst of them is what matters.
    row.fractionLost = Math.max(row.fractionLost, stat.fractionLost ?? 0);
    row.roundTripTime = Math.max(row.roundTripTime, stat.roundTripTime ?? 0);
    row.jitter = Math.max(row.jitter, stat.jitter ?? 0);
  });
  return row;
}

export async function readReceiveStats(
  consumer: types.Consumer,
  participantId: string,
): Promise<ReceiveStats> {
  const report = await consumer.getStats();
  const row: ReceiveStats = {
    consumerId: consumer.id,
    participantId,
    kind: consumer.kind,
    framesDecoded: 0,
    packetsReceived: 0,
    packetsLost: 0,
    jitter: 0,
  };
  report.forEach((stat: RtpStat) => {
    if (stat.type !== 'inbound-rtp') return;
    row.framesDecoded += stat.framesDecoded ?? 0;
    row.packetsReceived += stat.packetsReceived ?? 0;
    row.packetsLost += stat.packetsLost ?? 0;
    row.jitter = Math.max(row.jitter, stat.jitter ?? 0);
  });
  return row;
}
