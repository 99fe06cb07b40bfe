import type {
  ConsumerOptions,
  DtlsParameters,
  ProducerInfo,
  RtpCapabilities,
  TransportDirection,
  TransportOptions,
} from '@haven/protocol';
import type { types } from 'mediasoup';
import { invalidState } from './errors.js';
import type { Logger } from './logger.js';
import type { Notify, PeerObjectEvents } from './notify.js';
import { PeerConsumers } from './peer-consumers.js';
import { PeerProducers, type ProduceRequest } from './peer-producers.js';
import { PeerTransports } from './peer-transports.js';
import type { ConsumerInfo, RoomShared } from './shared.js';
import { TypedEmitter } from './typed-emitter.js';
import { rtpCapabilitiesFromWire } from './wire.js';

export interface PeerMediaEvents extends PeerObjectEvents {
  close: void;
}

/** What a peer needs from its room. */
export interface PeerRoom {
  /** Called once, when the peer closes, so the room forgets it. */
  onClose: (peer: PeerMedia) => void;
  /** A new microphone: the room watches who speaks. */
  onMic: (producer: types.Producer) => void;
  /** The priority a new consumer of `producerId` starts with. */
  priorityOf: (producerId: string) => number;
}

/**
 * One participant's media in a room: at most one send and one recv transport, the
 * producers on the first and the consumers on the second. A peer only reaches its own
 * objects: an id that belongs to someone else answers NOT_FOUND, like an unknown one.
 *
 * Per-object events fire whatever closed the object, so the server can forward them
 * as they come; they stay quiet while the peer or its room is being torn down, and
 * the peer then emits 'close' once.
 */
export class PeerMedia extends TypedEmitter<PeerMediaEvents> {
  readonly id: string;
  readonly #shared: RoomShared;
  readonly #log: Logger;
  readonly #room: PeerRoom;
  readonly #transports: PeerTransports;
  readonly #producers: PeerProducers;
  readonly #consumers: PeerConsumers;
  #rtpCapabilities: types.RtpCapabilities | undefined;
  #closed = false;

  /** Created by `RoomMedia.createPeer`. */
  constructor(id: string, shared: RoomShared, logger: Logger, room: PeerRoom) {
    super(() => logger);
    this.id = id;
    this.#shared = shared;
    this.#log = logger;
    this.#room = room;
    const closed = (): boolean => this.#closed;
    const notify: Notify = <K extends keyof PeerObjectEvents>(
      event: K,
      payload: PeerObjectEvents[K],
    ) => {
      // PeerMediaEvents extends PeerObjectEvents, so the payload types are the same.
      if (!this.#closed && !this.#shared.router.closed)
        this.emit(event, payload as PeerMediaEvents[K]);
    };
    this.#transports = new PeerTransports(shared, logger, closed);
    this.#producers = new PeerProducers(id, shared, logger, notify, closed);
    this.#consumers = new PeerConsumers(id, shared, logger, notify, closed, room.priorityOf);
  }

  get closed(): boolean {
    return this.#closed;
  }

  get consumerCount(): number {
    return this.#consumers.size;
  }

  /** What this peer's device can receive; required before `consume()`, checked there. */
  setRtpCapabilities(caps: RtpCapabilities): void {
    this.#assertOpen();
    this.#rtpCapabilities = rtpCapabilitiesFromWire(caps);
  }

  /**
   * Creates the peer's transport for `direction`. One per direction: asking again
   * replaces the previous one, whose producers or consumers close (with their events).
   * With the client's `dtlsParameters` (known ahead from its certificate) it is connected
   * at once, and a later `connectTransport` answers INVALID_STATE.
   */
  createTransport(
    direction: TransportDirection,
    dtlsParameters?: DtlsParameters,
  ): Promise<TransportOptions> {
    return this.#open(() => this.#transports.create(direction, dtlsParameters));
  }

  /** Connects once; a second connect answers INVALID_STATE. */
  connectTransport(transportId: string, dtlsParameters: DtlsParameters): Promise<void> {
    return this.#open(() => this.#transports.connect(transportId, dtlsParameters));
  }

  restartIce(transportId: string): Promise<TransportOptions['iceParameters']> {
    return this.#open(() => this.#transports.restartIce(transportId));
  }

  /**
   * Starts receiving one source on the peer's send transport. One producer per source
   * (a second 'mic' while the first is open answers INVALID_STATE), and the kind must
   * match the source (BAD_REQUEST otherwise). Camera producers are expected with three
   * simulcast encodings; fewer work, with fewer layers to choose from.
   */
  produce(request: ProduceRequest): Promise<ProducerInfo> {
    return this.#open(async () => {
      const info = await this.#producers.produce(this.#transports, request);
      if (info.source === 'mic') this.#room.onMic(this.#producers.get(info.producerId).producer);
      return info;
    });
  }

  pauseProducer(producerId: string): Promise<void> {
    return this.#open(() => this.#producers.pause(producerId));
  }

  resumeProducer(producerId: string): Promise<void> {
    return this.#open(() => this.#producers.resume(producerId));
  }

  /** Closes one of this peer's producers; its consumers on other peers close with it. */
  closeProducer(producerId: string): void {
    this.#assertOpen();
    this.#producers.get(producerId).producer.close();
  }

  producer(producerId: string): ProducerInfo | undefined {
    return this.#producers.info(producerId);
  }

  producers(): ProducerInfo[] {
    return this.#producers.list();
  }

  /**
   * Receives another peer's producer on this peer's recv transport. The consumer starts
   * paused, and the client resumes it once its track is wired; `{ paused: false }` starts
   * it resumed, which only a transport that has not seen the client's ICE checks yet
   * accepts (INVALID_STATE otherwise): until then nothing can reach the client, whose
   * side of the consumer is wired by the time it connects. A consumer of a
   * simulcast producer is meant for the highest spatial layer (and mediasoup's highest
   * temporal layer) unless `setPreferredLayers` chooses another, e.g. for thumbnails;
   * whenever it forwards nothing it starts from the lowest layer (see LayerDemand).
   */
  consume(
    producerId: string,
    { paused = true }: { paused?: boolean } = {},
  ): Promise<ConsumerOptions> {
    return this.#open(() =>
      this.#consumers.consume(this.#transports, this.#rtpCapabilities, producerId, paused),
    );
  }

  resumeConsumer(consumerId: string): Promise<void> {
    return this.#open(() => this.#consumers.resume(consumerId));
  }

  pauseConsumer(consumerId: string): Promise<void> {
    return this.#open(() => this.#consumers.pause(consumerId));
  }

  /**
   * Chooses the layers a simulcast consumer receives: spatial 0 is the lowest
   * resolution, temporal 0 the lowest frame rate (omitted: the highest available). The
   * sender is told at once; the consumer moves once it forwards (after its first frame and
   * the camera's key frame interval).
   * Answers INVALID_STATE for a consumer without layers (audio, single encoding).
   */
  setPreferredLayers(
    consumerId: string,
    spatialLayer: number,
    temporalLayer?: number,
  ): Promise<void> {
    const layers = temporalLayer === undefined ? { spatialLayer } : { spatialLayer, temporalLayer };
    return this.#open(() => this.#consumers.setPreferredLayers(consumerId, layers));
  }

  consumer(consumerId: string): ConsumerInfo | undefined {
    return this.#consumers.info(consumerId);
  }

  consumers(): ConsumerInfo[] {
    return this.#consumers.list();
  }

  /** Sets the priority of this peer's consumer of `producerId` (the room does, for its speaker). */
  setConsumerPriority(producerId: string, priority: number): void {
    if (!this.#closed) this.#consumers.setPriority(producerId, priority);
  }

  /**
   * Stops receiving everything `otherPeerId` produces; each close emits consumerClosed.
   * A closed peer (its worker died) receives nothing already: nothing to do.
   */
  closeConsumersOfPeer(otherPeerId: string): void {
    if (this.#closed) return;
    this.#consumers.closeOfPeer(otherPeerId);
  }

  /** Closes the transports, and with them every producer and consumer. Safe to call twice. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#transports.closeAll();
    this.#producers.clear();
    this.#consumers.clear();
    this.#log.debug({}, 'peer media closed');
    this.#room.onClose(this);
    this.emit('close', undefined);
  }

  #assertOpen(): void {
    if (this.#closed) throw invalidState('the peer is closed');
  }

  /** Runs `action` if the peer is open; a refusal always comes back as a rejected promise. */
  async #open<T>(action: () => Promise<T>): Promise<T> {
    this.#assertOpen();
    return action();
  }
}
