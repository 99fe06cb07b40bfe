import { Worker } from 'node:worker_threads';

export type SinkRequest =
  | { type: 'track'; id: number; ssrcs: [ssrc: number, label: number][] }
  | { type: 'untrack'; id: number; ssrcs: number[] }
  | { type: 'close' };

export type SinkReply = { type: 'ready'; ports: number[] } | { type: 'ack'; id: number };

/** Per label in shared memory: received, expected, streams, silent streams. */
export const FIELDS = 4;
const MAX_LABELS = 16_384;

export interface LabelCounts {
  received: number;
  expected: number;
  /** Streams tracked under the label. */
  streams: number;
  /** Of those, how many never received a packet. */
  silent: number;
}

export interface SinkSnapshot {
  labels: Map<number, LabelCounts>;
}

/**
 * UDP receivers for consumer transports, on a worker thread. Each consumer's SSRC is
 * tracked under a numeric label (a room, a kind) so counts can be summed per label;
 * the counts live in a SharedArrayBuffer and are read without asking the thread.
 */
export class Sinks {
  readonly ports: number[];
  readonly #worker: Worker;
  readonly #counts: Float64Array;
  readonly #labels = new Set<number>();
  #nextId = 0;
  readonly #waiting = new Map<number, () => void>();

  private constructor(worker: Worker, ports: number[], counts: Float64Array) {
    this.#worker = worker;
    this.ports = ports;
    this.#counts = counts;
    worker.on('message', (reply: SinkReply) => {
      if (reply.type !== 'ack') return;
      const resolve = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      resolve?.();
    });
  }

  static async create(sockets = 4, receiveBuffer = 8 << 20): Promise<Sinks> {
    const counters = new SharedArrayBuffer(MAX_LABELS * FIELDS * Float64Array.BYTES_PER_ELEMENT);
    const worker = new Worker(new URL('./sink-thread.js', import.meta.url), {
      workerData: { sockets, receiveBuffer, counters },
    });
    const ports = await new Promise<number[]>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (reply: SinkReply) => {
        if (reply.type === 'ready') resolve(reply.ports);
      });
    });
    return new Sinks(worker, ports, new Float64Array(counters));
  }

  port(index: number): number {
    return this.ports[index % this.ports.length]!;
  }

  async track(ssrcs: [number, number][]): Promise<void> {
    for (const [, label] of ssrcs) {
      if (label >= MAX_LABELS) throw new RangeError('too many sink labels');
      this.#labels.add(label);
    }
    await this.#ask({ type: 'track', id: ++this.#nextId, ssrcs });
  }

  async untrack(ssrcs: number[]): Promise<void> {
    await this.#ask({ type: 'untrack', id: ++this.#nextId, ssrcs });
  }

  /** The counts per label now (read from shared memory: never waits on the thread). */
  snapshot(): SinkSnapshot {
    const labels = new Map<number, LabelCounts>();
    for (const label of this.#labels) {
      const at = label * FIELDS;
      labels.set(label, {
        received: this.#counts[at]!,
        expected: this.#counts[at + 1]!,
        streams: this.#counts[at + 2]!,
        silent: this.#counts[at + 3]!,
      });
    }
    return { labels };
  }

  forget(labels: Iterable<number>): void {
    for (const label of labels) this.#labels.delete(label);
  }

  async close(): Promise<void> {
    this.#worker.postMessage({ type: 'close' } satisfies SinkRequest);
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    const timer = setTimeout(() => void this.#worker.terminate(), 2000);
    await exited;
    clearTimeout(timer);
  }

  #ask(request: Exclude<SinkRequest, { type: 'close' }>): Promise<void> {
    return new Promise((resolve) => {
      this.#waiting.set(request.id, resolve);
      this.#worker.postMessage(request);
    });
  }
}
