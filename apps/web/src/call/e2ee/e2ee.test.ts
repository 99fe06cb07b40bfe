import { describe, expect, it } from 'vitest';
import {
  clearBytes,
  decryptFrame,
  encryptFrame,
  isSilence,
  keyIdOf,
  MIN_ENCRYPTED_BYTES,
} from './frames';
import {
  fromBase64Url,
  makeIdentity,
  newSenderKey,
  pairKey,
  toBase64Url,
  unwrapSenderKey,
  wrapSenderKey,
} from './keys';

const aesKey = (raw: Uint8Array<ArrayBuffer>) =>
  crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);

/** A VP8-like frame: a recognisable header, then a body of counting bytes. */
function frame(length: number): ArrayBuffer {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) bytes[i] = (i * 7 + 3) & 0xff;
  return bytes.buffer;
}

describe('frames', () => {
  it('keeps the clear header, hides the body, and opens with the same key', async () => {
    const sender = newSenderKey(7);
    const key = await aesKey(sender.raw);
    const plain = frame(1200);
    const sealed = await encryptFrame(key, sender.id, plain, clearBytes('video', true));
    const sealedBytes = new Uint8Array(sealed);
    expect(sealed.byteLength).toBe(plain.byteLength + MIN_ENCRYPTED_BYTES);
    expect([...sealedBytes.subarray(0, 10)]).toEqual([...new Uint8Array(plain).subarray(0, 10)]);
    // The body is not carried as it was anywhere in the sealed frame.
    const body = new Uint8Array(plain).subarray(10, 42);
    const text = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
    expect(text(sealedBytes)).not.toContain(text(body));
    expect(keyIdOf(sealed)).toBe(7);
    const opened = await decryptFrame(key, sealed);
    expect(opened && [...new Uint8Array(opened)]).toEqual([...new Uint8Array(plain)]);
  });

  it('refuses a wrong key, an altered header or body, and frames not of this format', async () => {
    const key = await aesKey(newSenderKey(1).raw);
    const other = await aesKey(newSenderKey(1).raw);
    const sealed = await encryptFrame(key, 1, frame(300), clearBytes('video', false));
    expect(await decryptFrame(other, sealed)).toBeNull();
    for (const at of [0, 2, 50]) {
      const altered = new Uint8Array(sealed.slice(0));
      altered[at] = (altered[at] ?? 0) ^ 1;
      expect(await decryptFrame(key, altered.buffer)).toBeNull();
    }
    expect(keyIdOf(frame(300))).toBeNull();
    expect(await decryptFrame(key, frame(300))).toBeNull();
  });

  it('leaves only Opus silence frames as they are', async () => {
    expect(isSilence('audio', 1)).toBe(true);
    expect(isSilence('audio', 2)).toBe(true);
    expect(isSilence('audio', 3)).toBe(false);
    expect(isSilence('video', 1)).toBe(false);
    const key = await aesKey(newSenderKey(0).raw);
    const voice = await encryptFrame(key, 0, frame(80), clearBytes('audio', false));
    expect(new Uint8Array(voice)[0]).toBe(new Uint8Array(frame(80))[0]);
    expect(await decryptFrame(key, voice)).not.toBeNull();
  });
});

describe('key agreement', () => {
  it('derives the same pair key on both sides, and a sender key crosses only as addressed', async () => {
    const [alice, bob, eve] = await Promise.all([makeIdentity(), makeIdentity(), makeIdentity()]);
    const sender = newSenderKey(42);
    const wrapped = await wrapSenderKey(await pairKey(alice, bob.publicKey), sender, 'a', 'b');
    expect(wrapped).toMatch(/^[A-Za-z0-9_-]+$/);
    const atBob = await unwrapSenderKey(await pairKey(bob, alice.publicKey), wrapped, 'a', 'b');
    expect(atBob?.id).toBe(42);
    expect(atBob && [...atBob.raw]).toEqual([...sender.raw]);
    // Someone else's pair key, or the key passed off as coming from another sender or
    // addressed to another viewer, opens nothing.
    expect(
      await unwrapSenderKey(await pairKey(eve, alice.publicKey), wrapped, 'a', 'b'),
    ).toBeNull();
    const bobs = await pairKey(bob, alice.publicKey);
    expect(await unwrapSenderKey(bobs, wrapped, 'c', 'b')).toBeNull();
    expect(await unwrapSenderKey(bobs, wrapped, 'a', 'e')).toBeNull();
  });

  it('publishes a 65-byte P-256 public key and never an exportable private one', async () => {
    const me = await makeIdentity();
    expect(fromBase64Url(me.publicKey)).toHaveLength(65);
    expect(me.privateKey.extractable).toBe(false);
    const bytes = crypto.getRandomValues(new Uint8Array(33));
    expect([...fromBase64Url(toBase64Url(bytes))]).toEqual([...bytes]);
  });
});
