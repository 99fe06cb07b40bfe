/**
 * Encrypts every frame this page sends and decrypts what it receives, off the main
 * thread (RTCRtpScriptTransform). A frame with no key to encrypt it is dropped, never
 * sent in the clear; a frame no key here opens is dropped too, so the decoder only ever
 * sees what its sender encoded.
 */
import { clearBytes, decryptFrame, encryptFrame, isSilence, keyIdOf } from './frames';
import type { FromWorker, ToWorker, TransformOptions } from './protocol';

interface EncodedFrame {
  data: ArrayBuffer;
  /** Video only: 'key', 'delta' or 'empty'. */
  type?: string;
}

interface TransformEvent extends Event {
  transformer: {
    readable: ReadableStream<EncodedFrame>;
    writable: WritableStream<EncodedFrame>;
    options: TransformOptions;
  };
}

/** Keys kept per sender: the one in use and those it may still be sending with. */
const KEPT = 4;
/** The worker's global scope, as far as it is used here. */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  onrtctransform: ((event: TransformEvent) => void) | null;
  postMessage(message: FromWorker): void;
};

const own = new Map<number, CryptoKey>();
let ownInUse: number | null = null;
const peers = new Map<string, Map<number, CryptoKey>>();
/** The key each sender's frames last opened with. */
const opened = new Map<string, number>();
/** When each sender was last said to be undecryptable: once a second at most. */
const reported = new Map<string, number>();

const importKey = (raw: Uint8Array<ArrayBuffer>) =>
  crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);

/** Adds a key, dropping the oldest beyond KEPT, but never `inUse` (the one frames go with). */
function keep(keys: Map<number, CryptoKey>, id: number, key: CryptoKey, inUse?: number): void {
  keys.delete(id);
  keys.set(id, key);
  for (const oldest of keys.keys()) {
    if (keys.size <= KEPT) break;
    if (oldest !== inUse) keys.delete(oldest);
  }
}

async function apply(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'ownKey':
      keep(own, message.id, await importKey(message.raw), ownInUse ?? undefined);
      return;
    case 'useOwnKey':
      if (own.has(message.id)) ownInUse = message.id;
      return;
    case 'peerKey': {
      const keys = peers.get(message.participantId) ?? new Map<number, CryptoKey>();
      keep(keys, message.id, await importKey(message.raw), opened.get(message.participantId));
      peers.set(message.participantId, keys);
      reported.delete(message.participantId);
      return;
    }
    case 'forget':
      peers.delete(message.participantId);
      opened.delete(message.participantId);
      reported.delete(message.participantId);
  }
}

// Keys are imported one message after another, so "use" never overtakes its key.
let applying = Promise.resolve();
scope.onmessage = (event: MessageEvent<ToWorker>) => {
  applying = applying.then(() => apply(event.data)).catch(() => undefined);
};

function undecryptable(participantId: string): void {
  const now = Date.now();
  if ((reported.get(participantId) ?? 0) > now - 1_000) return;
  reported.set(participantId, now);
  scope.postMessage({ type: 'undecryptable', participantId } satisfies FromWorker);
}

function sending(kind: TransformOptions['kind']) {
  return async (frame: EncodedFrame, out: TransformStreamDefaultController<EncodedFrame>) => {
    const { data } = frame;
    if (isSilence(kind, data.byteLength)) return out.enqueue(frame);
    const id = ownInUse;
    const key = id === null ? undefined : own.get(id);
    if (id === null || !key) return;
    frame.data = await encryptFrame(key, id, data, clearBytes(kind, frame.type === 'key'));
    out.enqueue(frame);
  };
}

function receiving(kind: TransformOptions['kind'], participantId: string) {
  return async (frame: EncodedFrame, out: TransformStreamDefaultController<EncodedFrame>) => {
    const { data } = frame;
    if (isSilence(kind, data.byteLength)) return out.enqueue(frame);
    const id = keyIdOf(data);
    const key = id === null ? undefined : peers.get(participantId)?.get(id);
    const plain = key ? await decryptFrame(key, data) : null;
    if (!plain || id === null) return undecryptable(participantId);
    opened.set(participantId, id);
    frame.data = plain;
    out.enqueue(frame);
  };
}

scope.onrtctransform = (event) => {
  const { readable, writable, options } = event.transformer;
  const transform =
    options.direction === 'send'
      ? sending(options.kind)
      : receiving(options.kind, options.participantId ?? '');
  const frames = new TransformStream<EncodedFrame, EncodedFrame>({ transform });
  readable
    .pipeThrough(frames)
    .pipeTo(writable)
    .catch(() => undefined);
};
