/**
 * The format of an end-to-end encrypted frame, shared by the page (tests) and the
 * transform worker:
 *
 *   [clear header][AES-GCM ciphertext + 16-byte tag][IV: 12][clear length: 1][key id: 1][0xE1]
 *
 * The clear header is what the SFU reads to forward a frame without decoding it: VP8's
 * frame tag (10 bytes in a key frame, which carry its size, 3 otherwise), so the server
 * still tells key frames from the others; Opus's TOC byte. It is authenticated with the
 * rest (AES-GCM's additional data), so nobody can alter it unseen.
 */
export const VERSION = 0xe1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** IV, clear length, key id, version. */
export const TRAILER_BYTES = IV_BYTES + 3;
/** Nothing shorter is an encrypted frame of ours. */
export const MIN_ENCRYPTED_BYTES = TAG_BYTES + TRAILER_BYTES;

/**
 * Opus's discontinuous transmission sends a frame of a byte or two (its TOC, no audio)
 * now and then during silence: those go as they are, the way the SFU recognises them.
 */
export const isSilence = (kind: 'audio' | 'video', bytes: number): boolean =>
  kind === 'audio' && bytes <= 2;

export function clearBytes(kind: 'audio' | 'video', keyFrame: boolean): number {
  if (kind === 'audio') return 1;
  return keyFrame ? 10 : 3;
}

export async function encryptFrame(
  key: CryptoKey,
  keyId: number,
  frame: ArrayBuffer,
  clear: number,
): Promise<ArrayBuffer> {
  const bytes = new Uint8Array(frame);
  const head = bytes.subarray(0, Math.min(clear, bytes.length));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: head },
      key,
      bytes.subarray(head.length),
    ),
  );
  const out = new Uint8Array(head.length + sealed.length + TRAILER_BYTES);
  out.set(head, 0);
  out.set(sealed, head.length);
  const trailer = head.length + sealed.length;
  out.set(iv, trailer);
  out[trailer + IV_BYTES] = head.length;
  out[trailer + IV_BYTES + 1] = keyId;
  out[trailer + IV_BYTES + 2] = VERSION;
  return out.buffer;
}

/** The key id an encrypted frame names, or null when it is not one of ours. */
export function keyIdOf(frame: ArrayBuffer): number | null {
  const bytes = new Uint8Array(frame);
  if (bytes.length < MIN_ENCRYPTED_BYTES || bytes[bytes.length - 1] !== VERSION) return null;
  return bytes[bytes.length - 2] ?? null;
}

/** The frame as it was sent, or null when the key is wrong or the frame was altered. */
export async function decryptFrame(
  key: CryptoKey,
  frame: ArrayBuffer,
): Promise<ArrayBuffer | null> {
  const bytes = new Uint8Array(frame);
  if (keyIdOf(frame) === null) return null;
  const trailer = bytes.length - TRAILER_BYTES;
  const clear = bytes[trailer + IV_BYTES] ?? 0;
  if (clear + TAG_BYTES > trailer) return null;
  const head = bytes.subarray(0, clear);
  try {
    const opened = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: bytes.subarray(trailer, trailer + IV_BYTES), additionalData: head },
        key,
        bytes.subarray(clear, trailer),
      ),
    );
    const out = new Uint8Array(clear + opened.length);
    out.set(head, 0);
    out.set(opened, clear);
    return out.buffer;
  } catch {
    return null;
  }
}
