/** Messages between the page and the frame-transform worker. */
export type ToWorker =
  /** A new key of this page's own: kept, not yet used (the others are still receiving it). */
  | { type: 'ownKey'; id: number; raw: Uint8Array<ArrayBuffer> }
  /** Encrypt with this key from now on. */
  | { type: 'useOwnKey'; id: number }
  /** Someone's sender key, to decrypt what they send. */
  | { type: 'peerKey'; participantId: string; id: number; raw: Uint8Array<ArrayBuffer> }
  /** They left: their keys go. */
  | { type: 'forget'; participantId: string };

/** Given to each RTCRtpScriptTransform: which frames it transforms, and whose. */
export interface TransformOptions {
  direction: 'send' | 'receive';
  kind: 'audio' | 'video';
  /** The sender, for a receiving transform. */
  participantId?: string;
}

/** Frames from this sender arrive that no key here opens (yet). */
export interface FromWorker {
  type: 'undecryptable';
  participantId: string;
}
