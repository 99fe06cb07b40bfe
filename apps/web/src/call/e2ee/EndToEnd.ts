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

/** A new sender key is handed out this long before frames use it, so nobody misses any. */
export const ROTATE_MS = 1_000;
/** Keys per request (the server takes at most 64). */
const BATCH = 64;

export interface EndToEndDeps {
  request: Requester;
  /** Someone's frames arrive that no key here opens (yet). */
  onUndecryptable?: (participantId: string) => void;
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
  /** Keys that came before their sender's public key: opened once it is known. */
  private readonly early = new Map<string, string>();
  private selfId: string | null = null;
  private roster: readonly PublicParticipant[] = [];
  private known = new Set<string>();
  private work: Promise<void> = Promise.resolve();
  /** This person's record when the room was last told this page's public key. */
  private announcedFor: PublicParticipant | null = null;
  private rotation: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private vp8: types.RtpCodecCapability | null = null;

  constructor(private readonly deps: EndToEndDeps) {
    this.identity = makeIdentity();
    this.sender = newSenderKey(crypto.getRandomValues(new Uint8Array(1))[0] ?? 0);
    this.post({ type: 'ownKey', id: this.sender.id, raw: this.sender.raw });
    this.post({ type: 'useOwnKey', id: this.sender.id });
    deps.worker.onmessage = (event: MessageEvent<FromWorker>) => {
      if (event.data.type === 'undecryptable') deps.onUndecryptable?.(event.data.participantId);
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
    this.queue(() => this.handOut());
    for (const [fromId, key] of this.early) {
      if (!roster.some((p) => p.id === fromId && p.e2eeKey)) continue;
      this.early.delete(fromId);
      this.received({ fromId, key });
    }
  }

  /** A sender key someone gave this page. */
  received(event: E2eeKeyEvent): void {
    this.queue(async () => {
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
    });
  }

  /** What this browser can send: encrypted video goes as VP8 (see `sending`). */
  useCodecs(codecs: readonly types.RtpCodecCapability[]): void {
    this.vp8 = codecs.find((c) => c.mimeType.toLowerCase() === 'video/vp8') ?? null;
  }

  /**
   * A producer's options: its frames are encrypted before they leave (the transform is
   * set before the sender negotiates, so no frame goes without it). Video goes as VP8,
   * whose header the SFU reads in the clear; H264's units would not survive a ciphertext.
   */
  sending(kind: 'audio' | 'video'): Partial<types.ProducerOptions> {
    if (kind === 'video' && !this.vp8)
      throw new CallError('E2EE_UNSUPPORTED', 'end-to-end encrypted video needs VP8');
    return {
      onRtpSender: (sender) => this.transform(sender, { direction: 'send', kind }),
      ...(kind === 'video' && this.vp8 && { codec: this.vp8 }),
    };
  }

  /** A consumer's options: what it receives is decrypted with the sender's keys before decoding. */
  receiving(kind: 'audio' | 'video', participantId: string): Partial<types.ConsumerOptions> {
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
    if (!me || !this.selfId) return;
    // The server forgets a page's public key at each join: a record without it (the one
    // of entering the room) has it said again, once.
    const { publicKey } = await this.identity;
    if (me.e2eeKey !== publicKey && this.announcedFor !== me) {
      this.announcedFor = me;
      await this.deps.request('e2ee:publicKey', { publicKey }).catch(() => undefined);
    }
    const audience = new Map<string, string>();
    for (const p of this.roster)
      if (p.id !== me.id && p.space === me.space && p.e2eeKey) audience.set(p.id, p.e2eeKey);
    const lostSight = [...this.holders].some(([id, key]) => audience.get(id) !== key);
    if (lostSight) this.rotate();
    const newcomers = [...audience].filter(([id]) => !this.holders.has(id));
    if (newcomers.length === 0) return;
    const sender = this.sender;
    const fromId = this.selfId;
    const keys = await Promise.all(
      newcomers.map(async ([participantId, publicKey]) => ({
        participantId,
        key: await wrapSenderKey(await this.pairWith(publicKey), sender, fromId, participantId),
      })),
    );
    const holders = this.holders;
    for (const [id, publicKey] of newcomers) holders.set(id, publicKey);
    for (let i = 0; i < keys.length; i += BATCH) {
      const batch = keys.slice(i, i + BATCH);
      // Not delivered (the link dropped, say): they are newcomers again at the next change.
      await this.deps.request('e2ee:keys', { keys: batch }).catch(() => {
        for (const { participantId } of batch) holders.delete(participantId);
      });
    }
  }

  /**
   * A new sender key that only those who see this person now will have. It is used once
   * they have had time to receive it; until then frames still go with the old one, which
   * whoever lost sight of this person no longer receives from the server anyway.
   */
  private rotate(): void {
    this.sender = newSenderKey(this.sender.id + 1);
    this.holders = new Map();
    const id = this.sender.id;
    this.post({ type: 'ownKey', id, raw: this.sender.raw });
    if (this.rotation) clearTimeout(this.rotation);
    this.rotation = setTimeout(() => {
      this.rotation = null;
      this.post({ type: 'useOwnKey', id });
    }, ROTATE_MS);
  }

  private pairWith(publicKey: string): Promise<CryptoKey> {
    let pair = this.pairs.get(publicKey);
    if (!pair) {
      pair = this.identity.then((own) => pairKey(own, publicKey));
      this.pairs.set(publicKey, pair);
    }
    return pair;
  }

  /** Key work runs in order: a rotation never races the hand-out of the key it replaces. */
  private queue(task: () => Promise<void>): void {
    this.work = this.work.then(task).catch(() => undefined);
  }

  private post(message: ToWorker): void {
    if (!this.closed) this.deps.worker.postMessage(message);
  }
}
