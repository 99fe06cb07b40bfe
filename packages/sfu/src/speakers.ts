import type { types } from 'mediasoup';
import type { Logger } from './logger.js';

/** The priority of the consumers of the dominant speaker's microphone (mediasoup: 1..255). */
export const SPEAKER_PRIORITY = 255;
/** Every other consumer's priority: mediasoup's default. */
export const DEFAULT_PRIORITY = 1;
/** How often the worker re-evaluates who dominates, in ms (mediasoup's default). */
const INTERVAL_MS = 300;

export interface SpeakerChange {
  /** The peer whose microphone now dominates, or null (they stopped, muted or left). */
  peerId: string | null;
  /** That peer's microphone producer, or null. */
  producerId: string | null;
}

/**
 * Who is speaking in a room, from mediasoup's ActiveSpeakerObserver on its router. The
 * observer reads the audio level each microphone already carries in its RTP header
 * extension: nothing is decoded. It is created when the first microphone arrives.
 * A speaker who mutes, or whose microphone closes, stops being the speaker.
 */
export class ActiveSpeakers {
  readonly #router: types.Router;
  readonly #log: Logger;
  readonly #onChange: (change: SpeakerChange) => void;
  #observer: Promise<types.ActiveSpeakerObserver> | null = null;
  /** Microphone producer id -> its peer. */
  readonly #mics = new Map<string, string>();
  /** The microphone the worker last named dominant. */
  #dominant: types.Producer | null = null;
  #current: SpeakerChange = { peerId: null, producerId: null };

  constructor(router: types.Router, log: Logger, onChange: (change: SpeakerChange) => void) {
    this.#router = router;
    this.#log = log;
    this.#onChange = onChange;
  }

  get current(): SpeakerChange {
    return this.#current;
  }

  /** The priority a consumer of `producerId` should have now. */
  priorityOf(producerId: string): number {
    return producerId === this.#current.producerId ? SPEAKER_PRIORITY : DEFAULT_PRIORITY;
  }

  /** Starts watching a peer's microphone. */
  async add(producer: types.Producer, peerId: string): Promise<void> {
    this.#mics.set(producer.id, peerId);
    producer.observer.once('close', () => {
      this.#mics.delete(producer.id);
      if (this.#dominant === producer) this.#dominant = null;
      this.#report();
    });
    producer.observer.on('pause', () => this.#report());
    producer.observer.on('resume', () => this.#report());
    try {
      const observer = await this.#ensure();
      if (!producer.closed) await observer.addProducer({ producerId: producer.id });
    } catch (error) {
      // A closing router or producer; the speaker is a hint, never worth failing a produce.
      if (!this.#router.closed && !producer.closed)
        this.#log.warn({ err: error, producerId: producer.id }, 'cannot watch a microphone');
    }
  }

  #ensure(): Promise<types.ActiveSpeakerObserver> {
    this.#observer ??= this.#router
      .createActiveSpeakerObserver({ interval: INTERVAL_MS })
      .then((observer) => {
        observer.on('dominantspeaker', ({ producer }) => {
          this.#dominant = producer;
          this.#report();
        });
        return observer;
      });
    return this.#observer;
  }

  /**
   * The worker's dominant speaker, unless muted or gone. The worker keeps naming a
   * speaker who muted until someone else speaks; if they unmute first, they are back.
   */
  #report(): void {
    const p = this.#dominant;
    const peerId = p && !p.closed && !p.paused ? this.#mics.get(p.id) : undefined;
    const producerId = peerId === undefined ? null : (p?.id ?? null);
    if (this.#current.producerId === producerId) return;
    this.#current = { peerId: peerId ?? null, producerId };
    this.#onChange(this.#current);
  }
}
