/**
 * Key agreement for end-to-end encryption. Each page makes an ECDH (P-256) key pair when
 * it enters an encrypted session and tells the room its public half. A sender key (AES-
 * GCM, 128 bits, with a one-byte id) travels to each viewer wrapped with a key the two
 * pages derive on their own (ECDH, then HKDF bound to both participants' ids), so the
 * server that relays it learns nothing it could decrypt with.
 */
const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;
const INFO = new TextEncoder().encode('haven e2ee sender key v1');
const IV_BYTES = 12;
export const SENDER_KEY_BYTES = 16;

type Bytes = Uint8Array<ArrayBuffer>;

export function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Bytes {
  const raw = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i += 1) out[i] = raw.charCodeAt(i);
  return out;
}

export interface Identity {
  privateKey: CryptoKey;
  /** The public key, raw and base64url: what the room is told. */
  publicKey: string;
}

export async function makeIdentity(): Promise<Identity> {
  // The private half never leaves this page: not extractable.
  const pair = await crypto.subtle.generateKey(CURVE, false, ['deriveBits']);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: toBase64Url(raw) };
}

/** The key two pages share: the same whichever of them derives it. */
export async function pairKey(own: Identity, theirPublicKey: string): Promise<CryptoKey> {
  const theirs = await crypto.subtle.importKey(
    'raw',
    fromBase64Url(theirPublicKey),
    CURVE,
    false,
    [],
  );
  const secret = await crypto.subtle.deriveBits(
    { name: 'ECDH', public: theirs },
    own.privateKey,
    256,
  );
  const base = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: INFO },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export interface SenderKey {
  id: number;
  raw: Bytes;
}

export function newSenderKey(id: number): SenderKey {
  return { id: id & 0xff, raw: crypto.getRandomValues(new Uint8Array(SENDER_KEY_BYTES)) };
}

/** Who gives whom: bound into each wrapped key, so it cannot be passed off as another's. */
const direction = (fromId: string, toId: string) => new TextEncoder().encode(`${fromId}>${toId}`);

export async function wrapSenderKey(
  key: CryptoKey,
  sender: SenderKey,
  fromId: string,
  toId: string,
): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plain = new Uint8Array(1 + sender.raw.length);
  plain[0] = sender.id;
  plain.set(sender.raw, 1);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: direction(fromId, toId) },
      key,
      plain,
    ),
  );
  const out = new Uint8Array(IV_BYTES + sealed.length);
  out.set(iv, 0);
  out.set(sealed, IV_BYTES);
  return toBase64Url(out);
}

/** The sender key inside, or null when it was not wrapped for this pair and direction. */
export async function unwrapSenderKey(
  key: CryptoKey,
  wrapped: string,
  fromId: string,
  toId: string,
): Promise<SenderKey | null> {
  try {
    const bytes = fromBase64Url(wrapped);
    const plain = new Uint8Array(
      await crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: bytes.subarray(0, IV_BYTES),
          additionalData: direction(fromId, toId),
        },
        key,
        bytes.subarray(IV_BYTES),
      ),
    );
    if (plain.length !== 1 + SENDER_KEY_BYTES) return null;
    return { id: plain[0] ?? 0, raw: plain.slice(1) };
  } catch {
    return null;
  }
}
