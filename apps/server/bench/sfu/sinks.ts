import { Worker } from 'node:worker_threads';

export type SinkRequest =
  | { type: 'track'; id: number; ssrcs: [ssrc: number, label: number][] }
  | { type: 'untrack'; id: number; ssrcs: number[] }
  | { type: 'snapshot'; id: number }
  | { type: 'close' };

export interface LabelCounts {
  received: number;
  expected: number;
  /** Streams tracked under the label. */
  streams: number;
  /** Of those, how many never received a packet. */
  silent: number;
}

export type SinkReply =
  | { type: 'ready'; ports: number[] }
  | { type: 'ack'; id: number }
  | {
      type: 'snapshot';
      id: number;
      labels: Record<number, LabelCounts>;
      rtcp: number;
      unknown: number;
    };

export interface SinkSnapshot {
  labels: Map<number, LabelCounts>;
  rtcp: number;
  unknown: number;
}

/**
 * UDP receivers for consumer transports, on a worker thread. Each consumer's SSRC is
 * tracked under a numeric label (a room, a kind) so counts can be summed per label.
 */
export class Sinks {
  readonly ports: number[];
  readonly #worker: Worker;
  #nextId = 0;
  readonly #waiting = new Map<number, (reply: SinkReply) => void>();

  private constructor(worker: Worker, ports: number[]) {
    this.#worker = worker;
    this.ports = ports;
    worker.on('message', (reply: SinkReply) => {
      if (reply.type === 'ready') return;
      const resolve = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      resolve?.(reply);
    });
  }

  static async create(sockets = 4, receiveBuffer = 8 << 20): Promise<Sinks> {
    const worker = new Worker(new URL('./sink-thread.js', import.meta.url), {
      workerData: { sockets, receiveBuffer },
    });
    const ports = await new Promise<number[]>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (reply: SinkReply) => {
        if (reply.type === 'ready') resolve(reply.ports);
      });
    });
    return new Sinks(worker, ports);
  }

  port(index: number): number {
    return this.ports[index % this.ports.length]!;
  }

  async track(ssrcs: [number, number][]): Promise<void> {
    await this.#ask({ type: 'track', id: this.#id(), ssrcs });
  }

  async untrack(ssrcs: number[]): Promise<void> {
    await this.#ask({ type: 'untrack', id: this.#id(), ssrcs });
  }

  async snapshot(): Promise<SinkSnapshot> {
    const reply = await this.#ask({ type: 'snapshot', id: this.#id() });
    if (reply.type !== 'snapshot') throw new Error('unexpected sink reply');
    const labels = new Map<number, LabelCounts>();
    for (const [label, counts] of Object.entries(reply.labels)) labels.set(Number(label), counts);
    return { labels, rtcp: reply.rtcp, unknown: reply.unknown };
  }

  async close(): Promise<void> {
    this.#worker.postMessage({ type: 'close' } satisfies SinkRequest);
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    const timer = setTimeout(() => void this.#worker.terminate(), 2000);
    await exited;
    clearTimeout(timer);
  }

  #id(): number {
    return ++this.#nextId;
  }

  #ask(request: Exclude<SinkRequest, { type: 'close' }>): Promise<SinkReply> {
    return new Promise((resolve) => {
      this.#waiting.set(request.id, resolve);
      this.#worker.postMessage(request);
    });
  }
}
