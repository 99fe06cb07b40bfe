import { z } from 'zod';
import { ids } from './media.js';

/**
 * End-to-end encrypted media. In a session that asks for it, each browser encrypts every
 * frame it sends with a key of its own (its sender key) before the frame leaves the
 * page, and hands that key to the people who see it, wrapped for each of them with a key
 * only the two browsers can derive (ECDH P-256). The server relays the public keys and
 * the wrapped keys without being able to read them: the SFU forwards frames it cannot
 * decode. See docs/E2EE.md.
 */

/** An uncompressed P-256 point (65 bytes, 0x04 first), base64url without padding. */
const PublicKey = z
  .string()
  .length(87)
  .regex(/^B[A-Za-z0-9_-]+$/, 'expected an uncompressed P-256 point, base64url');

/** A wrapped sender key, base64url without padding. */
const KeyText = z
  .string()
  .min(16)
  .max(256)
  .regex(/^[A-Za-z0-9_-]+$/, 'expected base64url');

export const E2eeRequests = {
  /** This browser's ECDH public key, for the others to wrap their sender keys with. */
  'e2ee:publicKey': z.object({ publicKey: PublicKey }).strict(),
  /** This browser's sender key, wrapped for each named participant. */
  'e2ee:keys': z
    .object({
      keys: z
        .array(z.object({ participantId: ids.Id, key: KeyText }).strict())
        .min(1)
        .max(64),
    })
    .strict(),
  /** Frames of this participant arrive that no key here opens: they are asked for theirs again. */
  'e2ee:ask': z.object({ participantId: ids.Id }).strict(),
} as const satisfies Record<string, z.ZodType>;

export interface E2eeResponses {
  'e2ee:publicKey': Record<string, never>;
  /** How many of the named participants the keys reached (the others left or moved). */
  'e2ee:keys': { delivered: number };
  /** False when the participant does not see the asker (left, moved, waiting). */
  'e2ee:ask': { asked: boolean };
}

/** A sender key wrapped for the receiver; `fromId` is set by the server, never by the sender. */
export interface E2eeKeyEvent {
  fromId: string;
  key: string;
}

/** Someone who sees this person cannot open their frames: they want the sender key again. */
export interface E2eeAskedEvent {
  fromId: string;
}
