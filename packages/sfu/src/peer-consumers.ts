import type { ConsumerOptions } from '@haven/protocol';
import type { types } from 'mediasoup';
import { invalidState, notFound, toMediaError } from './errors.js';
import { consumerInfo, consumerOptions, type ConsumerEntry } from './info.js';
import type { Logger } from './logger.js';
import type { Notify } from './notify.js';
import type { PeerTransports } from './peer-transports.js';
import type { ConsumerInfo, ConsumerLayers, RoomShared } from './shared.js';
import { DEFAULT_PRIORITY } from './speakers.js';

/** A peer's consumers, at most one per producer, all on its recv transport. */
export class PeerConsumers {
  readonly #peerId: string;
  readonly #shared: RoomShared;
  readonly #log: Logger;
  readonly #notify: Notify;
  readonly #peerClosed: () => boolean;
  readonly #priorityOf: (producerId: string) => number;
  readonly #entries = new Map<string, ConsumerEntry>();
  /** Producer ids with a consume request in flight. */
  readonly #pending = new Set<string>();

  constructor(
    peerId: string,
    shared: RoomShared,
    logger: Logger,
    notify: Notify,
    peerClosed: () => boolean,
    priorityOf: (producerId: string) => number,
  ) {
    this.#peerId = peerId;
    this.#shared = shared;
    this.#log = logger;
    this.#notify = notify;
    this.#peerClosed = peerClosed;
    this.#priorityOf = priorityOf;
  }

  get size(): number {
    return this.#entries.size;
  }

  async consume(
    transports: PeerTransports,
    caps: types.RtpCapabilities | undefined,
    producerId: string,
    paused: boolean,
  ): Promise<ConsumerOptions> {
    if (!caps) throw invalidState('RTP capabilities are not set');
    const target = this.#shared.producers.get(producerId);
    if (!target) throw notFound('no such producer');
    if (target.peerId === this.#peerId) throw invalidState('cannot consume your own producer');
    const recv = transports.of('recv');
    if (!recv) throw invalidState('no recv transport yet');
    // Once the client's ICE checks arrive, its side of a new consumer may not exist yet
    // when the first packets would: the key frame they carry would be lost.
    if (!paused && recv.transport.iceState !== 'new')
      throw invalidState('only a consumer on an unused transport can start resumed');
    const consuming = [...this.#entries.values()].some((c) => c.consumer.producerId === producerId);
    if (consuming || this.#pending.has(producerId))
      throw invalidState('already consuming this producer');
    if (!this.#shared.router.canConsume({ producerId, rtpCapabilities: caps })) {
      throw invalidState('cannot consume this producer with these RTP capabilities');
    }
    this.#pending.add(producerId);
    let consumer: types.Consumer;
    try {
      consumer = await recv.transport.consume({
        producerId,
        rtpCapabilities: caps,
        paused,
        ...startingLayers(this.#shared, target.producer),
      });
    } catch (error) {
      throw toMediaError(error, 'consume', this.#log, { producerId });
    } finally {
      this.#pending.delete(producerId);
    }
    // A transport closed while the worker made the consumer (replaced by a new one, say)
    // hands back a consumer that no longer exists in the worker: it is never adopted.
    if (this.#peerClosed() || consumer.closed || recv.transport.closed || target.producer.closed) {
      consumer.close();
      if (this.#peerClosed()) throw invalidState('the peer is closed');
      if (target.producer.closed) throw notFound('no such producer');
      throw invalidState('the recv transport closed');
    }
    const entry: ConsumerEntry = { consumer, producerPeerId: target.peerId, source: target.source };
    this.#adopt(entry);
    const priority = this.#priorityOf(producerId);
    if (priority !== DEFAULT_PRIORITY) this.#prioritize(consumer, priority);
    return consumerOptions(entry);
  }

  async pause(consumerId: string): Promise<void> {
    const { consumer } = this.#get(consumerId);
    try {
      await consumer.pause();
    } catch (error) {
      throw toMediaError(error, 'pauseConsumer', this.#log, { consumerId });
    }
    this.#shared.demand.update(consumer.producerId);
  }

  async resume(consumerId: string): Promise<void> {
    const { consumer } = this.#get(consumerId);
    try {
      await consumer.resume();
    } catch (error) {
      throw toMediaError(error, 'resumeConsumer', this.#log, { consumerId });
    }
    this.#shared.demand.update(consumer.producerId);
  }

  async setPreferredLayers(consumerId: string, layers: ConsumerLayers): Promise<void> {
    const { consumer } = this.#get(consumerId);
    if (consumer.type !== 'simulcast' && consumer.type !== 'svc') {
      throw invalidState('this consumer has no layers to choose from');
    }
    try {
      await this.#shared.demand.request(consumer, layers);
    } catch (error) {
      throw toMediaError(error, 'setPreferredLayers', this.#log, { consumerId });
    }
  }

  info(consumerId: string): ConsumerInfo | undefined {
    const entry = this.#entries.get(consumerId);
    return entry && this.#infoOf(entry);
  }

  list(): ConsumerInfo[] {
    return [...this.#entries.values()].map((entry) => this.#infoOf(entry));
  }

  #infoOf(entry: ConsumerEntry): ConsumerInfo {
    return consumerInfo(entry, this.#shared.demand.requested(entry.consumer));
  }

  /** Sets the priority of this peer's consumer of `producerId`, if it has one. */
  setPriority(producerId: string, priority: number): void {
    for (const { consumer } of this.#entries.values()) {
      if (consumer.producerId === producerId) this.#prioritize(consumer, priority);
    }
  }

  /** Under congestion mediasoup serves higher priorities first; a failure only logs. */
  #prioritize(consumer: types.Consumer, priority: number): void {
    consumer.setPriority(priority).catch((error: unknown) => {
      if (!consumer.closed)
        this.#log.warn({ err: error, consumerId: consumer.id }, 'cannot set a priority');
    });
  }

  closeOfPeer(otherPeerId: string): void {
    for (const { consumer, producerPeerId } of [...this.#entries.values()]) {
      if (producerPeerId === otherPeerId) consumer.close();
    }
  }

  /** Forgets every consumer (their transport is closing them). */
  clear(): void {
    this.#entries.clear();
  }

  #get(consumerId: string): ConsumerEntry {
    const entry = this.#entries.get(consumerId);
    if (!entry) throw notFound('no such consumer');
    return entry;
  }

  #adopt(entry: ConsumerEntry): void {
    const { consumer } = entry;
    const consumerId = consumer.id;
    const producerId = consumer.producerId;
    this.#entries.set(consumerId, entry);
    this.#shared.demand.addConsumer(consumer);
    consumer.observer.once('close', () => {
      this.#entries.delete(consumerId);
      this.#notify('consumerClosed', { consumerId, producerId });
    });
    consumer.on('producerpause', () => this.#notify('consumerPaused', { consumerId }));
    consumer.on('producerresume', () => this.#notify('consumerResumed', { consumerId }));
  }
}

/**
 * A simulcast consumer starts where the room's layer demand says (the lowest layer,
 * until it forwards); any other at mediasoup's default.
 */
function startingLayers(
  shared: RoomShared,
  producer: types.Producer,
): { preferredLayers?: ConsumerLayers } {
  const preferredLayers = shared.demand.startingLayers(producer.id);
  return preferredLayers ? { preferredLayers } : {};
}
