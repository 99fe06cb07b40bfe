import type { ProducerInfo, RtpCapabilities } from '@haven/protocol';
import type { types } from 'mediasoup';
import type { TransportSettings } from './config.js';
import { invalidState } from './errors.js';
import { producerInfo } from './info.js';
import { LayerDemand, type LayersWanted } from './layer-demand.js';
import { childLogger, type Logger } from './logger.js';
import { PeerMedia } from './peer-media.js';
import type { RoomShared } from './shared.js';
import {
  ActiveSpeakers,
  DEFAULT_PRIORITY,
  MAIN_GROUP,
  SPEAKER_PRIORITY,
  type SpeakerChange,
} from './speakers.js';
import { TypedEmitter } from './typed-emitter.js';
import { rtpCapabilitiesToWire } from './wire.js';

/** Why a room's media closed: on request, or because its worker process died. */
export type RoomCloseReason = 'closed' | 'workerDied';

export interface RoomMediaEvents {
  close: { reason: RoomCloseReason };
  /** The peer whose microphone now dominates a group of peers, or null when nobody does. */
  activeSpeaker: { group: string; peerId: string | null };
  /**
   * The highest spatial layer anyone receives of a simulcast producer changed: its owner
   * need not send the encodings above it. Raised at once, lowered once the lower value held.
   */
  layersWanted: LayersWanted;
}

export interface RoomMediaInit {
  id: string;
  router: types.Router;
  transport: TransportSettings;
  logger: Logger;
  /** How long a lower `layersWanted` must hold before it is emitted, in ms. */
  layerDropDelayMs: number;
  /** Called once, before the 'close' event, so the owner forgets the room first. */
  onClose: (room: RoomMedia, reason: RoomCloseReason) => void;
}

/**
 * The media of one therapy session: a mediasoup router and the participants' peers.
 * Created by `WorkerPool.createRoom`. Closing it closes every peer, then the router.
 */
export class RoomMedia extends TypedEmitter<RoomMediaEvents> {
  readonly id: string;
  readonly #router: types.Router;
  readonly #shared: RoomShared;
  readonly #log: Logger;
  readonly #onClose: RoomMediaInit['onClose'];
  readonly #peers = new Map<string, PeerMedia>();
  readonly #speakers: ActiveSpeakers;
  /** Each group's dominant microphone, whose consumers have the speaker's priority. */
  readonly #speakerMics = new Map<string, string>();
  #closed = false;

  constructor(init: RoomMediaInit) {
    super(() => init.logger);
    this.id = init.id;
    this.#router = init.router;
    this.#log = init.logger;
    this.#onClose = init.onClose;
    this.#shared = {
      router: init.router,
      transport: init.transport,
      producers: new Map(),
      demand: new LayerDemand(init.layerDropDelayMs, init.logger, (wanted) => {
        if (!this.#closed) this.emit('layersWanted', wanted);
      }),
    };
    this.#speakers = new ActiveSpeakers(init.router, init.logger, (change) =>
      this.#speakerChanged(change),
    );
    // The router only closes under a live room when its worker goes away.
    init.router.on('workerclose', () => this.#close('workerDied'));
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** What the router can send and receive; the client loads its device with this. */
  get rtpCapabilities(): RtpCapabilities {
    return rtpCapabilitiesToWire(this.#router.rtpCapabilities);
  }

  /** Consumers across every peer: the room's share of its worker's load. */
  get consumerCount(): number {
    let count = 0;
    for (const peer of this.#peers.values()) count += peer.consumerCount;
    return count;
  }

  /** A participant's media. One per participant: a second one answers INVALID_STATE. */
  createPeer(peerId: string): PeerMedia {
    if (this.#closed) throw invalidState('the room is closed');
    if (this.#peers.has(peerId)) throw invalidState('this participant already has media');
    const peer = new PeerMedia(peerId, this.#shared, childLogger(this.#log, { peerId }), {
      onClose: (closed) => this.#forget(closed),
      onMic: (producer) => void this.#speakers.add(producer, peerId),
      priorityOf: (producerId) => this.#speakers.priorityOf(producerId),
    });
    this.#peers.set(peerId, peer);
    this.#log.debug({ peerId }, 'peer media created');
    return peer;
  }

  getPeer(peerId: string): PeerMedia | undefined {
    return this.#peers.get(peerId);
  }

  peers(): PeerMedia[] {
    return [...this.#peers.values()];
  }

  /**
   * Puts a peer in a group of peers who hear each other (a session's main group, a pair
   * stepped out of it): each group has its own speaker. Peers start in MAIN_GROUP.
   */
  setPeerGroup(peerId: string, group: string): Promise<void> {
    return this.#speakers.setGroup(peerId, group);
  }

  /** The peer whose microphone dominates a group now, or null. */
  activeSpeakerOf(group: string = MAIN_GROUP): string | null {
    return this.#speakers.current(group).peerId;
  }

  /** The spatial layer the consumers of a simulcast producer want now (not debounced). */
  layersWanted(producerId: string): number | undefined {
    return this.#shared.demand.wanted(producerId);
  }

  /** Every open producer in the room; `participantId` is the producing peer's id. */
  producers(): ProducerInfo[] {
    return [...this.#shared.producers.values()].map(producerInfo);
  }

  /** Closes every peer, then the router. Safe to call twice. */
  close(): void {
    this.#close('closed');
  }

  #close(reason: RoomCloseReason): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#shared.demand.close();
    for (const peer of [...this.#peers.values()]) peer.close();
    this.#peers.clear();
    this.#shared.producers.clear();
    this.#router.close();
    const log = reason === 'closed' ? this.#log.info : this.#log.warn;
    log.call(this.#log, { reason }, 'room media closed');
    this.#onClose(this, reason);
    this.emit('close', { reason });
  }

  /** The new speaker's audio goes first under congestion; the previous one's goes back in line. */
  #speakerChanged({ group, peerId, producerId }: SpeakerChange): void {
    if (this.#closed) return;
    const previous = this.#speakerMics.get(group);
    if (producerId) this.#speakerMics.set(group, producerId);
    else this.#speakerMics.delete(group);
    for (const peer of this.#peers.values()) {
      if (previous) peer.setConsumerPriority(previous, DEFAULT_PRIORITY);
      if (producerId) peer.setConsumerPriority(producerId, SPEAKER_PRIORITY);
    }
    this.emit('activeSpeaker', { group, peerId });
  }

  #forget(peer: PeerMedia): void {
    if (this.#peers.get(peer.id) !== peer) return;
    this.#peers.delete(peer.id);
    this.#speakers.forget(peer.id);
  }
}
