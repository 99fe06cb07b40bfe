import { createPublicKey } from 'node:crypto';
import { HavenError, type ClientRequestName } from '@haven/protocol';
import { guard, type Handler, type InSession, type JoinedLookup } from './context.js';
import { canSee } from '../rooms/views.js';

type E2eeRequest = Extract<ClientRequestName, `e2ee:${string}`>;

/** Whether a raw uncompressed point (base64url) lies on P-256: a page could not use anything else. */
function isP256Point(publicKey: string): boolean {
  const raw = Buffer.from(publicKey, 'base64url');
  if (raw.length !== 65 || raw[0] !== 4) return false;
  try {
    createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: raw.subarray(1, 33).toString('base64url'),
        y: raw.subarray(33).toString('base64url'),
      },
      format: 'jwk',
    });
    return true;
  } catch {
    return false;
  }
}

function requireE2ee(c: InSession): void {
  if (!c.session.room.info.e2ee)
    throw new HavenError('INVALID_STATE', 'This session is not end-to-end encrypted.');
}

/**
 * The server's part in end-to-end encryption is a relay that reads nothing: it keeps
 * each admitted person's public key with their place in the room, and passes a wrapped
 * sender key only to someone who sees its sender now (admitted, in the same space), so
 * a waiting patient or the group outside a step-out never receives one.
 */
export function e2eeHandlers(lookup: JoinedLookup) {
  return {
    'e2ee:publicKey': guard.admitted<'e2ee:publicKey'>(lookup, (c, { publicKey }) =>
      c.session.run(() => {
        requireE2ee(c);
        // Not a key, everyone's hand-outs would trip on it; a new one per request would
        // make everyone's browsers change keys over and over. One key per page, per join.
        if (!isP256Point(publicKey))
          throw new HavenError('BAD_REQUEST', 'Invalid request (publicKey: not a P-256 point)');
        const known = c.participant.e2eeKey;
        if (known === publicKey) return {};
        if (known !== null)
          throw new HavenError(
            'CONFLICT',
            'This page already gave its key; join again for another.',
          );
        c.participant.e2eeKey = publicKey;
        // The page itself too: its own record then shows the room has its key.
        c.session.broadcastParticipant(c.participant);
        return {};
      }),
    ),

    'e2ee:keys': guard.admitted<'e2ee:keys'>(lookup, (c, { keys }) =>
      c.session.run(() => {
        requireE2ee(c);
        let delivered = 0;
        const seen = new Set<string>();
        for (const { participantId, key } of keys) {
          const to = c.session.room.get(participantId);
          // One key per person per request: a list naming someone over and over is no flood.
          if (!to || to === c.participant || seen.has(to.id) || !canSee(c.participant, to))
            continue;
          seen.add(to.id);
          c.session.toParticipant(to.id, 'e2ee:key', { fromId: c.participant.id, key });
          delivered += 1;
        }
        return { delivered };
      }),
    ),

    'e2ee:ask': guard.admitted<'e2ee:ask'>(lookup, (c, { participantId }) =>
      c.session.run(() => {
        requireE2ee(c);
        const of = c.session.room.get(participantId);
        if (!of || of === c.participant || !canSee(c.participant, of)) return { asked: false };
        c.session.toParticipant(of.id, 'e2ee:asked', { fromId: c.participant.id });
        return { asked: true };
      }),
    ),
  } satisfies { [K in E2eeRequest]: Handler<K> };
}
