import type { types } from 'mediasoup';
import type { ProducerEntry } from './shared.js';

/** How long a lower layer must hold before its sender is told: a tile being resized does not flap. */
export const LAYER_DROP_DELAY_MS = 1000;

/** The highest spatial layer anyone receives of a simulcast producer changed. */
export interface LayersWanted {
  /** The producer's owner: the one to tell. */
  peerId: string;
  producerId: string;
  /** Encodings above this one are received by nobody and need not be sent. */
  spatialLayer: number;
}

interface Demand {
  readonly entry: ProducerEntry;
  readonly top: number;
  readonly consumers: Set<types.Consumer>;
  /** What the owner sends as far as we know: every layer until told otherwise. */
  told: number;
  /** A lower layer waiting to hold for the delay, with its timer. */
  lowering: { layer: number; timer: NodeJS.Timeout } | null;
}

/**
 * Per simulcast producer, the highest spatial layer its consumers want: the preferred
 * spatial layer of every consumer that is not paused by its viewer. A new consumer counts
 * at the lowest layer until its viewer says which one its tile needs, or for `delayMs`
 * (then at its preference, the top one unless told): a newcomer with a small tile does
 * not make every camera send its top layer for a moment. With no such consumer the
 * lowest layer is enough, and it keeps flowing, so a new viewer sees video at once. A
 * higher layer is reported at once, a lower one only once it held for `delayMs`.
 */
export class LayerDemand {
  readonly #delayMs: number;
  readonly #onChange: (wanted: LayersWanted) => void;
  readonly #producers = new Map<string, Demand>();
  /** New consumers whose viewer has not chosen a layer yet, with the end of their wait. */
  readonly #unchosen = new Map<types.Consumer, NodeJS.Timeout>();

  constructor(delayMs: number, onChange: (wanted: LayersWanted) => void) {
    this.#delayMs = delayMs;
    this.#onChange = onChange;
  }

  /** Starts following a producer; only simulcast ones have layers to leave out. */
  addProducer(entry: ProducerEntry): void {
    const { producer } = entry;
    if (producer.type !== 'simulcast') return;
    const top = Math.max(0, (producer.rtpParameters.encodings?.length ?? 1) - 1);
    const demand: Demand = { entry, top, consumers: new Set(), told: top, lowering: null };
    this.#producers.set(producer.id, demand);
    producer.observer.once('close', () => {
      this.#stopLowering(demand);
      this.#producers.delete(producer.id);
    });
    this.#update(demand);
  }

  /** A new consumer counts from its first resume; its close is followed here. */
  addConsumer(consumer: types.Consumer): void {
    const demand = this.#producers.get(consumer.producerId);
    if (!demand) return;
    demand.consumers.add(consumer);
    const wait = setTimeout(() => this.chosen(consumer), this.#delayMs);
    wait.unref();
    this.#unchosen.set(consumer, wait);
    consumer.observer.once('close', () => {
      clearTimeout(wait);
      this.#unchosen.delete(consumer);
      demand.consumers.delete(consumer);
      this.update(consumer.producerId);
    });
    this.#update(demand);
  }

  /** The viewer chose a layer for this consumer (or had time to): its preference counts. */
  chosen(consumer: types.Consumer): void {
    const wait = this.#unchosen.get(consumer);
    if (wait === undefined) return;
    clearTimeout(wait);
    this.#unchosen.delete(consumer);
    this.update(consumer.producerId);
  }

  /** Re-evaluates a producer after one of its consumers paused, resumed or changed layers. */
  update(producerId: string): void {
    const demand = this.#producers.get(producerId);
    if (demand) this.#update(demand);
  }

  /** The layer a producer's consumers want now, or undefined for one not followed. */
  wanted(producerId: string): number | undefined {
    const demand = this.#producers.get(producerId);
    return demand && this.#wantedOf(demand);
  }

  /** Stops every timer; nothing is reported after this. */
  close(): void {
    for (const demand of this.#producers.values()) this.#stopLowering(demand);
    for (const wait of this.#unchosen.values()) clearTimeout(wait);
    this.#unchosen.clear();
    this.#producers.clear();
  }

  #update(demand: Demand): void {
    const layer = this.#wantedOf(demand);
    if (layer >= demand.told) {
      this.#stopLowering(demand);
      if (layer > demand.told) this.#tell(demand, layer);
      return;
    }
    if (demand.lowering?.layer === layer) return;
    this.#stopLowering(demand);
    const timer = setTimeout(() => {
      demand.lowering = null;
      if (this.#producers.get(demand.entry.producer.id) === demand) this.#tell(demand, layer);
    }, this.#delayMs);
    timer.unref();
    demand.lowering = { layer, timer };
  }

  #tell(demand: Demand, layer: number): void {
    demand.told = layer;
    const { producer, peerId } = demand.entry;
    this.#onChange({ peerId, producerId: producer.id, spatialLayer: layer });
  }

  #stopLowering(demand: Demand): void {
    if (demand.lowering) clearTimeout(demand.lowering.timer);
    demand.lowering = null;
  }

  #wantedOf({ consumers, top }: Demand): number {
    let layer = 0;
    for (const consumer of consumers) {
      if (consumer.closed || consumer.paused || this.#unchosen.has(consumer)) continue;
      layer = Math.max(layer, consumer.preferredLayers?.spatialLayer ?? top);
    }
    return Math.min(layer, top);
  }
}
