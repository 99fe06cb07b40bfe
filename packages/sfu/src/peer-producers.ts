import { HavenError } from '@haven/protocol';
import type { MediaKind, MediaSource, ProducerInfo, RtpParameters } from '@haven/protocol';
import type { types } from 'mediasoup';
import { invalidState, notFound, toMediaError } from './errors.js';
import { producerInfo } from './info.js';
import type { Logger } from './logger.js';
import type { Notify } from './notify.js';
import type { PeerTransports } from './peer-transports.js';
import {
  BROWSER_KEY_FRAME_INTERVAL_MS,
  KIND_OF_SOURCE,
  type ProducerEntry,
  type RoomShared,
} from './shared.js';
import { rtpParametersFromWire } from './wire.js';

export interface ProduceRequest {
  transportId: string;
  kind: MediaKind;
  source: MediaSource;
  rtpParameters: RtpParameters;
}

/**
 * How long after asking a camera for a key frame mediasoup holds the next request for the
 * same stream. A camera ignores requests within `BROWSER_KEY_FRAME_INTERVAL_MS` of the one
 * it answered, and mediasoup does not ask again: a viewer who joined just after another
 * waited for its first frame until someone else asked (in a join storm, up to a second).
 * Held until the camera would answer again, the request is one key frame for all who
 * asked meanwhile.
 */
export const KEY_FRAME_REQUEST_DELAY_MS = BROWSER_KEY_FRAME_INTERVAL_MS + 50;

/**
 * A peer's producers, at most one per source. Each is also indexed in the room, so
 * other peers can consume it; both indexes forget it when it closes, whatever the cause.
 */
export class PeerProducers {
  readonly #peerId: string;
  readonly #shared: RoomShared;
  readonly #log: Logger;
  readonly #notify: Notify;
  readonly #peerClosed: () => boolean;
  readonly #entries = new Map<string, ProducerEntry>();
  /** Sources with a produce request in flight. */
  readonly #pending = new Set<MediaSource>();

  constructor(
    peerId: string,
    shared: RoomShared,
    logger: Logger,
    notify: Notify,
    peerClosed: () => boolean,
  ) {
    this.#peerId = peerId;
    this.#shared = shared;
    this.#log = logger;
    this.#notify = notify;
    this.#peerClosed = peerClosed;
  }

  async produce(transports: PeerTransports, request: ProduceRequest): Promise<ProducerInfo> {
    const { transportId, kind, source } = request;
    const { transport, direction } = transports.get(transportId);
    if (direction !== 'send') throw invalidState('produce needs the send transport');
    if (KIND_OF_SOURCE[source] !== kind) {
      throw new HavenError('BAD_REQUEST', `a ${source} producer carries ${KIND_OF_SOURCE[source]}`);
    }
    const producing = [...this.#entries.values()].some((p) => p.source === source);
    if (producing || this.#pending.has(source)) throw invalidState(`already producing ${source}`);
    this.#pending.add(source);
    let producer: types.Producer;
    try {
      producer = await transport.produce({
        kind,
        rtpParameters: rtpParametersFromWire(request.rtpParameters),
        keyFrameRequestDelay: kind === 'video' ? KEY_FRAME_REQUEST_DELAY_MS : 0,
      });
    } catch (error) {
      throw toMediaError(error, 'produce', this.#log, { transportId, source });
    } finally {
      this.#pending.delete(source);
    }
    // A transport closed while the worker made the producer (replaced by a new one, say)
    // hands back a producer that no longer exists in the worker: it is never adopted.
    if (this.#peerClosed() || producer.closed || transport.closed) {
      producer.close();
      throw invalidState(this.#peerClosed() ? 'the peer is closed' : 'the send transport closed');
    }
    const entry: ProducerEntry = { producer, peerId: this.#peerId, source };
    this.#adopt(entry);
    return producerInfo(entry);
  }

  async pause(producerId: string): Promise<void> {
    const { producer } = this.get(producerId);
    try {
      await producer.pause();
    } catch (error) {
      throw toMediaError(error, 'pauseProducer', this.#log, { producerId });
    }
  }

  async resume(producerId: string): Promise<void> {
    const { producer } = this.get(producerId);
    try {
      await producer.resume();
    } catch (error) {
      throw toMediaError(error, 'resumeProducer', this.#log, { producerId });
    }
  }

  /** This peer's producer with that id, or NOT_FOUND. */
  get(producerId: string): ProducerEntry {
    const entry = this.#entries.get(producerId);
    if (!entry) throw notFound('no such producer');
    return entry;
  }

  info(producerId: string): ProducerInfo | undefined {
    const entry = this.#entries.get(producerId);
    return entry && producerInfo(entry);
  }

  list(): ProducerInfo[] {
    return [...this.#entries.values()].map(producerInfo);
  }

  /** Forgets every producer (their transports are closing them). */
  clear(): void {
    for (const producerId of this.#entries.keys()) this.#shared.producers.delete(producerId);
    this.#entries.clear();
  }

  #adopt(entry: ProducerEntry): void {
    const { producer, source } = entry;
    const producerId = producer.id;
    this.#entries.set(producerId, entry);
    this.#shared.producers.set(producerId, entry);
    this.#shared.demand.addProducer(entry);
    producer.observer.once('close', () => {
      this.#entries.delete(producerId);
      this.#shared.producers.delete(producerId);
      this.#log.debug({ producerId, source }, 'producer closed');
      this.#notify('producerClosed', { producerId });
    });
    this.#log.debug({ producerId, source }, 'producer created');
  }
}
