import { HavenError, type ClientRequestName } from '@haven/protocol';
import { guard, type Handler, type InSession, type JoinedLookup } from './context.js';
import { canSee } from '../rooms/views.js';

type E2eeRequest = Extract<ClientRequestName, `e2ee:${string}`>;

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
        if (c.participant.e2eeKey !== publicKey) {
          c.participant.e2eeKey = publicKey;
          // The page itself too: its own record then shows the room has its key.
          c.session.broadcastParticipant(c.participant);
        }
        return {};
      }),
    ),

    'e2ee:keys': guard.admitted<'e2ee:keys'>(lookup, (c, { keys }) =>
      c.session.run(() => {
        requireE2ee(c);
        let delivered = 0;
        for (const { participantId, key } of keys) {
          const to = c.session.room.get(participantId);
          if (!to || to === c.participant || !canSee(c.participant, to)) continue;
          c.session.toParticipant(to.id, 'e2ee:key', { fromId: c.participant.id, key });
          delivered += 1;
        }
        return { delivered };
      }),
    ),
  } satisfies { [K in E2eeRequest]: Handler<K> };
}
