import type { E2eeKeyEvent, PublicParticipant } from '@haven/protocol';
import type { types } from 'mediasoup-client';
import { CallError } from '../errors';
import type { Requester } from '../signaling';
import {
  makeIdentity,
  newSenderKey,
  pairKey,
  unwrapSenderKey,
  wrapSenderKey,
  type Identity,
  type SenderKey,
} from './keys';
import type { FromWorker, ToWorker, TransformOptions } from './protocol';

/** A new sender key is used this long after it was handed out, so nobody misses frames. */
export const ROTATE_MS = 1_000;
/** mediasoup-client's handlers that set a sender's and receiver's transform before they negotiate. */
const TRANSFORMING_HANDLERS = new Set(['Chrome111', 'Firefox120', 'Safari12']);
/** Keys per request (the server takes at most 64). */
const BATCH = 64;
/** A sender whose frames no key here opens is asked again for its key at most this often. */
const ASK_EVERY_MS = 2_000;

export interface EndToEndDeps {
  request: Requester;
  /** Made by the caller: a worker running ./worker.ts. */
  worker: Worker;
}

/**
 * This page's end-to-end encryption: its key pair, its sender key, and the keys of those
 * it sees. It gives its sender key to everyone who sees this person (admitted, in the
 * same space, with a public key) and, once anyone who had it no longer does (they left,
 * were sent to the waiting room, stepped out, or reloaded), makes a new one for those who
 * still do. The frames themselves are encrypted and decrypted in the worker.
 */
export class EndToEnd {
  private readonly identity: Promise<Identity>;
  private sender: SenderKey;
  /** Who was given the sender key in use, with the public key it was wrapped for. */
  private holders = new Map<string, string>();
  private readonly pairs = new Map<string, Promise<CryptoKey>>();
  /** Public keys that are not keys (a page sent garbage): nobody is handed anything with them. */
  private readonly unusable = new Set<string>();
  /** Keys that came before their sender's public key: opened once it is known. */
  private readonly early = new Map<string, string>();
  private selfId: string | null = null;
  private roster: readonly PublicParticipant[] = [];
  private known = new Set<string>();
  /** Hand-outs run one after another; keys received are opened on a queue of their own. */
  private giving: Promise<void> = Promise.resolve();
  private opening: Promise<void> = Promise.resolve();
  /** This person's record when the room was last told this page's public key. */
  private announcedFor: PublicParticipant | null = null;
  /** A new sender key waits to be used: it is, once handed out (and at most ROTATE_MS later). */
  private switchDue = false;
  private rotation: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private vp8: types.RtpCodecCapability | null = null;
  private transforms = false;
  /** When each sender was last asked for its key again. */
  private readonly askedAt = new Map<string, number>();

  constructor(private readonly deps: EndToEndDeps) {
    this.identity = makeIdentity();
    this.sender = newSenderKey(crypto.getRandomValues(new Uint8Array(1))[0] ?? 0);
    this.post({ type: 'ownKey', id: this.sender.id, raw: this.sender.raw });
    this.post({ type: 'useOwnKey', id: this.sender.id });
    deps.worker.onmessage = (event: MessageEvent<FromWorker>) => {
      if (event.data.type === 'undecryptable') this.ask(event.data.participantId);
    };
  }

  /** The room changed: newcomers get the sender key; if anyone lost sight of us, a new one. */
  update(selfId: string | null, roster: readonly PublicParticipant[]): void {
    if (this.closed || (selfId === this.selfId && roster === this.roster)) return;
    this.selfId = selfId;
    this.roster = roster;
    const present = new Set(roster.map((p) => p.id));
    for (const id of this.known)
      if (!present.has(id)) this.post({ type: 'forget', participantId: id });
    this.known = present;
    this.giving = this.giving.then(() => this.handOut()).catch(() => undefined);
    for (const [fromId, key] of this.early) {
      if (!roster.some((p) => p.id === fromId && p.e2eeKey)) continue;
      this.early.delete(fromId);
      this.received({ fromId, key });
    }
  }

  /** A sender key someone gave this page. */
  received(event: E2eeKeyEvent): void {
    this.opening = this.opening
      .then(async () => {
        const from = this.roster.find((p) => p.id === event.fromId);
        if (!from?.e2eeKey || !this.selfId) {
          this.early.set(event.fromId, event.key);
          return;
        }
        const key = await unwrapSenderKey(
          await this.pairWith(from.e2eeKey),
          event.key,
          event.fromId,
          this.selfId,
        );
        if (key) this.post({ type: 'peerKey', participantId: from.id, id: key.id, raw: key.raw });
      })
      .catch(() => undefined);
  }

  /** Someone who sees this person cannot open their frames: they get the key in use again. */
  asked(fromId: string): void {
    this.holders.delete(fromId);
    this.giving = this.giving.then(() => this.handOut()).catch(() => undefined);
  }

  /**
   * What this browser can send with: encrypted video goes as VP8 (see `sending`), and only
   * through a handler that sets transforms before negotiating (others would send in the clear).
   */
  useDevice(device: { handlerName: string; rtpCapabilities: types.RtpCapabilities }): void {
    this.transforms = TRANSFORMING_HANDLERS.has(device.handlerName);
    this.vp8 =
      device.rtpCapabilities.codecs?.find((c) => c.mimeType.toLowerCase() === 'video/vp8') ?? null;
  }

  /**
   * A producer's options: its frames are encrypted before they leave (the transform is
   * set before the sender negotiates, so no frame goes without it). Video goes as VP8,
   * whose header the SFU reads in the clear; H264's units would not survive a ciphertext.
   */
  sending(kind: 'audio' | 'video'): Partial<types.ProducerOptions> {
    if (!this.transforms || (kind === 'video' && !this.vp8))
      throw new CallError('E2EE_UNSUPPORTED', 'this browser cannot send encrypted media');
    return {
      onRtpSender: (sender) => this.transform(sender, { direction: 'send', kind }),
      ...(kind === 'video' && this.vp8 && { codec: this.vp8 }),
    };
  }

  /** A consumer's options: what it receives is decrypted with the sender's keys before decoding. */
  receiving(kind: 'audio' | 'video', participantId: string): Partial<types.ConsumerOptions> {
    if (!this.transforms)
      throw new CallError('E2EE_UNSUPPORTED', 'this browser cannot receive encrypted media');
    return {
      onRtpReceiver: (receiver) =>
        this.transform(receiver, { direction: 'receive', kind, participantId }),
    };
  }

  close(): void {
    this.closed = true;
    if (this.rotation) clearTimeout(this.rotation);
    this.deps.worker.terminate();
  }

  private transform(target: RTCRtpSender | RTCRtpReceiver, options: TransformOptions): void {
    target.transform = new RTCRtpScriptTransform(this.deps.worker, options);
  }

  private async handOut(): Promise<void> {
    const me = this.roster.find((p) => p.id === this.selfId);
    if (!me || !this.selfId) {
      // Out of the room (the waiting room, say): back in, everyone gets a new key.
      if (this.holders.size > 0) this.rotate();
      return;
    }
    // The server forgets a page's public key at each join: a record without it (the one
    // of entering the room) has it said again; a failed attempt is tried at the next change.
    const { publicKey } = await this.identity;
    if (me.e2eeKey !== publicKey && this.announcedFor !== me) {
      this.announcedFor = me;
      await this.deps.request('e2ee:publicKey', { publicKey }).catch(() => {
        this.announcedFor = null;
      });
    }
    const audience = new Map<string, string>();
    for (const p of this.roster)
      if (p.id !== me.id && p.space === me.space && p.e2eeKey && !this.unusable.has(p.e2eeKey))
        audience.set(p.id, p.e2eeKey);
    const lostSight = [...this.holders].some(([id, key]) => audience.get(id) !== key);
    if (lostSight) this.rotate();
    await this.give([...audience].filter(([id]) => !this.holders.has(id)));
    if (this.switchDue) this.switchSoon();
  }

  /** Wraps the sender key for each newcomer; one who cannot be given it blocks nobody else. */
  private async give(newcomers: [string, string][]): Promise<void> {
    if (newcomers.length === 0 || !this.selfId) return;
    const sender = this.sender;
    const fromId = this.selfId;
    const wrapped = await Promise.allSettled(
      newcomers.map(async ([participantId, publicKey]) => ({
        participantId,
        key: await wrapSenderKey(await this.pairWith(publicKey), sender, fromId, participantId),
      })),
    );
    const keys: { participantId: string; key: string }[] = [];
    for (const [i, result] of wrapped.entries()) {
      const [id, publicKey] = newcomers[i] ?? ['', ''];
      if (result.status === 'rejected') this.unusable.add(publicKey);
      else {
        keys.push(result.value);
        this.holders.set(id, publicKey);
      }
    }
    const holders = this.holders;
    for (let i = 0; i < keys.length; i += BATCH) {
      const batch = keys.slice(i, i + BATCH);
      // Not delivered (the link dropped, say): they are newcomers again at the next change.
      await this.deps.request('e2ee:keys', { keys: batch }).catch(() => {
        for (const { participantId } of batch) holders.delete(participantId);
      });
    }
  }

  /**
   * A new sender key that only those who see this person now will have. Frames still go
   * with the old one (whoever lost sight no longer receives them from the server anyway)
   * until the new one has been handed out, and then a moment more.
   */
  private rotate(): void {
    this.sender = newSenderKey(this.sender.id + 1);
    this.holders = new Map();
    this.post({ type: 'ownKey', id: this.sender.id, raw: this.sender.raw });
    this.switchDue = true;
  }

  /** Uses the newest sender key shortly; a rotation meanwhile does not put it off. */
  private switchSoon(): void {
    this.switchDue = false;
    this.rotation ??= setTimeout(() => {
      this.rotation = null;
      this.post({ type: 'useOwnKey', id: this.sender.id });
    }, ROTATE_MS);
  }

  /**
   * Frames of `participantId` that no key here opens (a hand-out that never arrived, a
   * key this page forgot): they are asked for it again, now and then while it lasts.
   */
  private ask(participantId: string): void {
    const now = Date.now();
    if (this.closed || now - (this.askedAt.get(participantId) ?? -Infinity) < ASK_EVERY_MS) return;
    this.askedAt.set(participantId, now);
    this.deps.request('e2ee:ask', { participantId }).catch(() => undefined);
  }

  private pairWith(publicKey: string): Promise<CryptoKey> {
    let pair = this.pairs.get(publicKey);
    if (!pair) {
      pair = this.identity.then((own) => pairKey(own, publicKey));
      this.pairs.set(publicKey, pair);
    }
    return pair;
  }

  private post(message: ToWorker): void {
    if (!this.closed) this.deps.worker.postMessage(message);
  }
}
