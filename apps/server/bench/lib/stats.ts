/** Summaries of samples and of received RTP sequence numbers. Pure. */

/** The q-quantile (0..1) of `values` by linear interpolation; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = Math.min(Math.max(q, 0), 1) * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  return low + (sorted[above]! - low) * (position - below);
}

export interface Summary {
  count: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(values: readonly number[]): Summary {
  const count = values.length;
  const mean = count === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / count;
  return {
    count,
    min: count === 0 ? Number.NaN : Math.min(...values),
    p50: quantile(values, 0.5),
    p95: quantile(values, 0.95),
    p99: quantile(values, 0.99),
    max: count === 0 ? Number.NaN : Math.max(...values),
    mean,
  };
}

/**
 * Counts what one RTP stream delivered: packets received, and packets expected from the
 * highest sequence number seen (RFC 3550 A.3, with 16-bit wrap-around). Lost = expected
 * - received; reordered or duplicated packets can make it briefly negative.
 */
export class SequenceTracker {
  #base = -1;
  #highest = -1;
  #cycles = 0;
  received = 0;

  /** Feeds the sequence number of one received packet. */
  add(sequenceNumber: number): void {
    const seq = sequenceNumber & 0xffff;
    this.received++;
    if (this.#base < 0) {
      this.#base = seq;
      this.#highest = seq;
      return;
    }
    const delta = (seq - this.#highest) & 0xffff;
    if (delta === 0 || delta >= 0x8000) return; // duplicate or late
    if (seq < this.#highest) this.#cycles += 0x10000;
    this.#highest = seq;
  }

  get expected(): number {
    return this.#base < 0 ? 0 : this.#cycles + this.#highest - this.#base + 1;
  }

  get lost(): number {
    return Math.max(0, this.expected - this.received);
  }
}

/** Counters of delivered packets, read twice to get what happened in between. */
export interface Delivery {
  received: number;
  expected: number;
}

export function deliveryDelta(before: Delivery, after: Delivery): Delivery {
  return { received: after.received - before.received, expected: after.expected - before.expected };
}

/** Share of expected packets that never arrived, 0..1. */
export function lossRatio(d: Delivery): number {
  if (d.expected <= 0) return 0;
  return Math.max(0, d.expected - d.received) / d.expected;
}

/** Requests per second of CPU time (one core fully busy for a second = 1 s). */
export function perCpuSecond(count: number, cpuMicros: number): number {
  return cpuMicros > 0 ? count / (cpuMicros / 1e6) : Number.NaN;
}

/** A number for a table: a fixed count of significant digits, thousands grouped. */
export function fmt(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 10 ** digits) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** A ratio as a percentage with two decimals. */
export const pct = (ratio: number): string =>
  Number.isFinite(ratio) ? `${(ratio * 100).toFixed(2)} %` : 'n/a';

/** Bytes as KB (1 KB = 1000 bytes) with one decimal. */
export const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;
