import type { types } from 'mediasoup';
import { describeError, type Logger } from './logger.js';
import {
  BROWSER_KEY_FRAME_INTERVAL_MS,
  type ConsumerLayers,
  type ProducerEntry,
} from './shared.js';

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
  readonly viewers: Set<Viewer>;
  /** What the owner sends as far as we know: every layer until told otherwise. */
  told: number;
  /** A lower layer waiting to hold for the delay, with its timer. */
  lowering: { layer: number; timer: NodeJS.Timeout } | null;
}

/** One consumer of a followed producer. */
interface Viewer {
  readonly consumer: types.Consumer;
  readonly demand: Demand;
  /** What the viewer asked for; the top layer until it asks. */
  requested: ConsumerLayers;
  /** Until the viewer chooses (or `delayMs` passes) it counts at the lowest layer. */
  wait: NodeJS.Timeout | null;
  /** The consumer forwards a layer now (mediasoup's current layers are set). */
  forwarding: boolean;
  /**
   * Set from a held consumer's first frame for the browser's key frame interval: the
   * camera answered a key frame request for it just now and would ignore the next.
   */
  settling: NodeJS.Timeout | null;
  /** The preference last given to mediasoup, as "spatial:temporal". */
  applied: string;
}

/** Where a consumer that forwards nothing waits: the lowest layer, which every camera sends. */
const HOLD: ConsumerLayers = { spatialLayer: 0 };

/**
 * Per simulcast producer, the highest spatial layer its consumers want: the layer asked
 * for by every consumer that is not paused by its viewer. A new consumer counts at the
 * lowest layer until its viewer says which one its tile needs, or for `delayMs` (then at
 * the top one): a newcomer with a small tile does not make every camera send its top
 * layer for a moment. With no such consumer the lowest layer is enough, and it keeps
 * flowing. A higher layer is reported at once, a lower one only once it held for
 * `delayMs`.
 *
 * It also decides what mediasoup forwards to each consumer. One that forwards nothing
 * (new, resumed, or starved) is held at the lowest layer until it forwards a frame, then,
 * once the camera would answer another key frame request, moves to what its viewer asked
 * for. mediasoup counts a layer the camera just stopped as alive until it has been silent
 * for 1.5 s, and a consumer with nothing to show would wait for a key frame of that layer
 * all that time: the lowest layer is always sent.
 */
export class LayerDemand {
  readonly #delayMs: number;
  readonly #log: Logger;
  readonly #onChange: (wanted: LayersWanted) => void;
  readonly #producers = new Map<string, Demand>();
  readonly #viewers = new Map<types.Consumer, Viewer>();

  constructor(delayMs: number, logger: Logger, onChange: (wanted: LayersWanted) => void) {
    this.#delayMs = delayMs;
    this.#log = logger;
    this.#onChange = onChange;
  }

  /** Starts following a producer; only simulcast ones have layers to leave out. */
  addProducer(entry: ProducerEntry): void {
    const { producer } = entry;
    if (producer.type !== 'simulcast') return;
    const top = Math.max(0, (producer.rtpParameters.encodings?.length ?? 1) - 1);
    const demand: Demand = { entry, top, viewers: new Set(), told: top, lowering: null };
    this.#producers.set(producer.id, demand);
    producer.observer.once('close', () => {
      this.#stopLowering(demand);
      this.#producers.delete(producer.id);
    });
    this.#update(demand);
  }

  /**
   * The layers a new consumer of `producerId` is created at: the lowest, for a followed
   * producer (see the class comment); undefined (mediasoup's default) for others.
   */
  startingLayers(producerId: string): ConsumerLayers | undefined {
    return this.#producers.has(producerId) ? { ...HOLD } : undefined;
  }

  /** A new consumer, created at `startingLayers`; its close is followed here. */
  addConsumer(consumer: types.Consumer): void {
    const demand = this.#producers.get(consumer.producerId);
    if (!demand) return;
    const viewer: Viewer = {
      consumer,
      demand,
      requested: { spatialLayer: demand.top },
      wait: setTimeout(() => this.#choose(viewer), this.#delayMs),
      forwarding: false,
      settling: null,
      applied: key(HOLD),
    };
    viewer.wait?.unref();
    demand.viewers.add(viewer);
    this.#viewers.set(consumer, viewer);
    consumer.on('layerschange', (layers) => {
      const started = layers !== undefined && !viewer.forwarding;
      viewer.forwarding = layers !== undefined;
      if (started && viewer.applied === key(HOLD)) this.#settle(viewer);
      else this.#apply(viewer);
    });
    consumer.observer.once('close', () => {
      if (viewer.wait) clearTimeout(viewer.wait);
      if (viewer.settling) clearTimeout(viewer.settling);
      this.#viewers.delete(consumer);
      demand.viewers.delete(viewer);
      this.#update(demand);
    });
    this.#update(demand);
  }

  /**
   * The viewer asks for these layers: they count at once (its camera is told), and
   * mediasoup gets them once the consumer forwards (see `#settle`).
   */
  async request(consumer: types.Consumer, layers: ConsumerLayers): Promise<void> {
    const viewer = this.#viewers.get(consumer);
    if (!viewer) {
      await consumer.setPreferredLayers(layers);
      return;
    }
    viewer.requested = { ...layers };
    this.#choose(viewer);
  }

  /** What the viewer asked for (the top layer until it asks); undefined if not followed. */
  requested(consumer: types.Consumer): ConsumerLayers | undefined {
    const viewer = this.#viewers.get(consumer);
    return viewer && { ...viewer.requested };
  }

  /** Re-evaluates a producer after one of its consumers paused or resumed. */
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
    for (const { wait, settling } of this.#viewers.values()) {
      if (wait) clearTimeout(wait);
      if (settling) clearTimeout(settling);
    }
    this.#viewers.clear();
    this.#producers.clear();
  }

  /** The viewer chose (or had time to): its request counts and, once forwarding, applies. */
  #choose(viewer: Viewer): void {
    if (viewer.wait) clearTimeout(viewer.wait);
    viewer.wait = null;
    this.#update(viewer.demand);
    this.#apply(viewer);
  }

  /**
   * A held consumer forwards its first frame: it moves to the viewer's layer once the
   * camera would answer another key frame request. A camera (libwebrtc) ignores requests
   * within 300 ms of the one it answered, and mediasoup would not ask again for a second.
   */
  #settle(viewer: Viewer): void {
    if (viewer.settling) clearTimeout(viewer.settling);
    viewer.settling = setTimeout(() => {
      viewer.settling = null;
      this.#apply(viewer);
    }, BROWSER_KEY_FRAME_INTERVAL_MS);
    viewer.settling.unref();
  }

  /** Gives mediasoup what this consumer should forward now, if that changed. */
  #apply(viewer: Viewer): void {
    const { consumer } = viewer;
    if (consumer.closed) return;
    const ready = viewer.forwarding && !viewer.wait && !viewer.settling;
    const layers = ready ? viewer.requested : HOLD;
    const wanted = key(layers);
    if (wanted === viewer.applied) return;
    viewer.applied = wanted;
    consumer.setPreferredLayers(layers).catch((error: unknown) => {
      if (!consumer.closed) {
        this.#log.warn(
          { consumerId: consumer.id, error: describeError(error) },
          'cannot set layers',
        );
      }
    });
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

  #wantedOf({ viewers, top }: Demand): number {
    let layer = 0;
    for (const { consumer, wait, requested } of viewers) {
      if (consumer.closed || consumer.paused || wait) continue;
      layer = Math.max(layer, requested.spatialLayer);
    }
    return Math.min(layer, top);
  }
}

const key = (layers: ConsumerLayers): string =>
  `${layers.spatialLayer}:${layers.temporalLayer ?? ''}`;
