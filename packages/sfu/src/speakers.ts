import type { types } from 'mediasoup';
import type { Logger } from './logger.js';

/** The priority of the consumers of a dominant speaker's microphone (mediasoup: 1..255). */
export const SPEAKER_PRIORITY = 255;
/** Every other consumer's priority: mediasoup's default. */
export const DEFAULT_PRIORITY = 1;
/** How often the worker re-evaluates who dominates, in ms (mediasoup's default). */
const INTERVAL_MS = 300;
/** The group every peer is in until told otherwise. */
export const MAIN_GROUP = 'main';

export interface SpeakerChange {
  /** The group of peers who hear each other, in which the speaker changed. */
  group: string;
  /** The peer whose microphone now dominates the group, or null (they stopped, muted, left the group). */
  peerId: string | null;
  /** That peer's microphone producer, or null. */
  producerId: string | null;
}

interface Group {
  observer: Promise<types.ActiveSpeakerObserver>;
  /** The microphone the worker last named dominant here. */
  dominant: types.Producer | null;
  current: SpeakerChange;
}

interface Mic {
  producer: types.Producer;
  peerId: string;
  /** The group it belongs to now (changed by `setGroup`). */
  group: string;
  /** The group whose observer has it, once added. */
  observedBy: Group | null;
}

/**
 * Who is speaking, per group of peers who hear each other (the group of a session, and
 * each pair stepped out of it): one mediasoup ActiveSpeakerObserver per group on the
 * room's router. Observers read the audio level each microphone already carries in its
 * RTP header extension: nothing is decoded. A group's observer is created with its first
 * microphone, renewed when its speaker leaves it and closed when its last microphone has.
 * A speaker who mutes, whose microphone closes or who moves to another group stops being
 * that group's speaker.
 */
export class ActiveSpeakers {
  readonly #router: types.Router;
  readonly #log: Logger;
  readonly #onChange: (change: SpeakerChange) => void;
  readonly #groups = new Map<string, Group>();
  /** Microphone producer id -> its microphone. */
  readonly #mics = new Map<string, Mic>();
  /** Peers outside the main group -> their group. */
  readonly #groupOf = new Map<string, string>();
  /** Observer requests, one at a time, so a microphone moved twice ends where it was sent last. */
  #queue: Promise<void> = Promise.resolve();

  constructor(router: types.Router, log: Logger, onChange: (change: SpeakerChange) => void) {
    this.#router = router;
    this.#log = log;
    this.#onChange = onChange;
  }

  /** The speaker of a group now. */
  current(group: string = MAIN_GROUP): SpeakerChange {
    return this.#groups.get(group)?.current ?? { group, peerId: null, producerId: null };
  }

  /** The priority a consumer of `producerId` should have now. */
  priorityOf(producerId: string): number {
    const mic = this.#mics.get(producerId);
    const dominant = mic && this.#groups.get(mic.group)?.current.producerId === producerId;
    return dominant ? SPEAKER_PRIORITY : DEFAULT_PRIORITY;
  }

  /** Starts watching a peer's microphone, in the peer's group. */
  add(producer: types.Producer, peerId: string): Promise<void> {
    const mic: Mic = {
      producer,
      peerId,
      group: this.#groupOf.get(peerId) ?? MAIN_GROUP,
      observedBy: null,
    };
    this.#mics.set(producer.id, mic);
    producer.observer.once('close', () => {
      this.#mics.delete(producer.id);
      this.#leave(mic, mic.group);
    });
    producer.observer.on('pause', () => this.#report(mic.group));
    producer.observer.on('resume', () => this.#report(mic.group));
    return this.#enqueue(mic, () => this.#observe(mic));
  }

  /**
   * Moves a peer's microphones (and any it produces later) to another group: its old group
   * stops hearing it as a speaker at once, the new group's observer starts listening.
   */
  setGroup(peerId: string, group: string): Promise<void> {
    if (group === MAIN_GROUP) this.#groupOf.delete(peerId);
    else this.#groupOf.set(peerId, group);
    const moves: Promise<void>[] = [];
    for (const mic of this.#mics.values()) {
      if (mic.peerId !== peerId || mic.group === group) continue;
      const from = mic.group;
      mic.group = group;
      moves.push(
        this.#leave(mic, from),
        this.#enqueue(mic, () => this.#observe(mic)),
      );
    }
    return Promise.all(moves).then(() => undefined);
  }

  /** Forgets a peer gone from the room (its microphones close on their own). */
  forget(peerId: string): void {
    this.#groupOf.delete(peerId);
  }

  /**
   * A microphone left a group (moved away or closed). If it was the group's speaker, the
   * group gets a fresh observer with the others: the worker, losing the microphone it
   * named, would name another at once, even one that never made a sound. A step-out
   * group's observer closes with its last microphone.
   */
  #leave(mic: Mic, name: string): Promise<void> {
    const group = this.#groups.get(name);
    if (!group) return Promise.resolve();
    const remaining = [...this.#mics.values()].filter((m) => m.group === name && m !== mic);
    // Not the group's speaker, and the group goes on: its observer only loses a microphone
    // (a moved one's next #observe takes it out; the worker drops a closed one itself).
    if (group.dominant !== mic.producer && (remaining.length > 0 || name === MAIN_GROUP))
      return Promise.resolve();
    // Dropped at once, so nothing the old observer says from now on counts.
    this.#groups.delete(name);
    void group.observer.then(
      (observer) => observer.close(),
      () => undefined,
    );
    if (group.current.producerId !== null)
      this.#onChange({ group: name, peerId: null, producerId: null });
    return Promise.all(remaining.map((m) => this.#enqueue(m, () => this.#observe(m)))).then(
      () => undefined,
    );
  }

  /** Runs an observer request after those before it; a failure is logged, never thrown. */
  #enqueue(mic: Mic, request: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(async () => {
      try {
        await request();
      } catch (error) {
        // A closing router or producer; the speaker is a hint, never worth failing a produce.
        if (!this.#router.closed && !mic.producer.closed)
          this.#log.warn({ err: error, producerId: mic.producer.id }, 'cannot watch a microphone');
      }
    });
    this.#queue = run;
    return run;
  }

  /**
   * Brings a microphone's observer in line with its group: out of the one that has it (if
   * still in use), into its group's. Nothing for one closed or already where it belongs.
   */
  async #observe(mic: Mic): Promise<void> {
    const { producer } = mic;
    if (producer.closed || this.#mics.get(producer.id) !== mic) return;
    const group = this.#groupNamed(mic.group);
    if (mic.observedBy === group) return;
    const old = mic.observedBy;
    mic.observedBy = null;
    if (old && [...this.#groups.values()].includes(old))
      await (await old.observer).removeProducer({ producerId: producer.id });
    await (await group.observer).addProducer({ producerId: producer.id });
    mic.observedBy = group;
  }

  /** A group's state, with an observer created for it if it has none. */
  #groupNamed(name: string): Group {
    const group = this.#groups.get(name);
    if (group) return group;
    const created: Group = {
      observer: this.#router.createActiveSpeakerObserver({ interval: INTERVAL_MS }),
      dominant: null,
      current: { group: name, peerId: null, producerId: null },
    };
    void created.observer.then(
      (observer) =>
        observer.on('dominantspeaker', ({ producer }) => {
          // A replaced observer, or a microphone that has just moved away: not this group's.
          if (this.#groups.get(name) !== created) return;
          if (this.#mics.get(producer.id)?.group !== name) return;
          created.dominant = producer;
          this.#report(name);
        }),
      () => undefined,
    );
    this.#groups.set(name, created);
    return created;
  }

  /**
   * The group's dominant microphone per the worker, unless muted, gone or moved away. The
   * worker keeps naming a speaker who muted until someone else speaks; if they unmute
   * first, they are back.
   */
  #report(name: string): void {
    const group = this.#groups.get(name);
    if (!group) return;
    const p = group.dominant;
    const mic = p && !p.closed && !p.paused ? this.#mics.get(p.id) : undefined;
    const current = mic && mic.group === name ? mic : undefined;
    const producerId = current?.producer.id ?? null;
    if (group.current.producerId === producerId) return;
    group.current = { group: name, peerId: current?.peerId ?? null, producerId };
    this.#onChange(group.current);
  }
}
