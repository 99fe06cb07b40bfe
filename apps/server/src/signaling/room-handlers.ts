import { randomUUID } from 'node:crypto';
import {
  HavenError,
  PROTOCOL_VERSION,
  type ClientRequestName,
  type JoinResult,
  type ParsedRequest,
  type PublicParticipant,
} from '@haven/protocol';
import { can, mayEver } from '../rooms/policy.js';
import { roleOf, subjectIdOf } from '../auth/principal.js';
import type { RoomRegistry } from '../rooms/registry.js';
import type { DirectoryFor } from './directory.js';
import { viewOf } from '../rooms/views.js';
import {
  guard,
  type AccountCheck,
  type Handler,
  type InSession,
  type JoinedLookup,
  type RequestContext,
} from './context.js';

type RoomRequest = Extract<
  ClientRequestName,
  `room:${string}` | `hand:${string}` | `chat:${string}`
>;

/**
 * The others in the room hear of a changed hand; the requester learns its own new state
 * from the answer (so it is not sent twice), and a hand already where it was asked to be
 * changes nothing and tells nobody.
 */
function handChanged(c: InSession, changed: boolean): { participant: PublicParticipant } {
  if (changed) c.session.broadcastParticipant(c.participant, c.participant);
  return { participant: viewOf(c.participant, false, c.session.producersOf) };
}

export function roomHandlers(
  registry: RoomRegistry,
  directoryFor: DirectoryFor,
  lookup: JoinedLookup,
  confirm: AccountCheck,
) {
  /** Where this socket's person stands now, once its join is done. */
  const standing = (ctx: RequestContext): Promise<JoinResult> => {
    const joined = lookup(ctx.socket);
    const participantId = ctx.socket.data.participantId;
    if (!joined || !participantId) throw new HavenError('NOT_JOINED', 'Join a session first.');
    return joined.session.run(() => joined.session.statusOf(participantId));
  };

  /**
   * A client asks again when the answer to its join was slow or lost. The repeat waits
   * for the first and answers with where the person stands then: one arrival, one
   * check-in, never a second join. A first join that failed is tried anew.
   */
  const joinOnce = (
    ctx: RequestContext,
    payload: ParsedRequest<'room:join'>,
  ): Promise<JoinResult> => {
    const data = ctx.socket.data;
    const first = data.joining;
    if (first && first.sessionId !== payload.sessionId)
      throw new HavenError('CONFLICT', 'Already joined another session.');
    if (first)
      return first.done.then(
        () => standing(ctx),
        () => joinOnce(ctx, payload),
      );
    const done = join(ctx, payload);
    data.joining = { sessionId: payload.sessionId, done };
    done.catch(() => {
      if (data.joining?.done === done) data.joining = undefined;
    });
    return done;
  };

  const join = async (
    ctx: RequestContext,
    { protocolVersion, sessionId, checkIn }: ParsedRequest<'room:join'>,
  ): Promise<JoinResult> => {
    if (protocolVersion !== PROTOCOL_VERSION) {
      throw new HavenError(
        'PROTOCOL_MISMATCH',
        `This server speaks protocol ${PROTOCOL_VERSION}; please reload the page.`,
      );
    }
    const { principal } = ctx;
    if (!mayEver(principal, 'session.join'))
      throw new HavenError('FORBIDDEN', 'You cannot join sessions.');
    // A clinician who joins sees the waiting room's check-ins: only from an account that
    // is still active, whatever became of it since the connection opened.
    await confirm(principal);
    // A patient's token names its session: refuse any other before looking anything up.
    if (principal.kind !== 'staff' && principal.sessionId !== sessionId) {
      throw new HavenError('FORBIDDEN', 'Your link is for another session.');
    }
    const directory = directoryFor(principal);
    const lookedUpAt = performance.now();
    const resolved = await directory.resolve(sessionId);
    if (!can(principal, 'session.join', resolved.target)) {
      throw new HavenError('FORBIDDEN', 'You are not on the staff of this session.');
    }
    await directory.admissionCheck(principal, sessionId);
    const session = await registry.open(resolved, lookedUpAt);
    return session.run(async () => {
      const role = roleOf(principal);
      const facilitator = role !== 'patient';
      let stored: { id: string; checkIn: typeof checkIn } | null = null;
      if (!facilitator && resolved.info.waitingRoom) {
        stored = checkIn
          ? {
              id: await directory.saveCheckIn(principal, sessionId, checkIn, session.now()),
              checkIn,
            }
          : await directory.latestCheckIn(principal, sessionId);
        if (!stored)
          throw new HavenError('CHECK_IN_REQUIRED', 'Please answer the check-in questions first.');
      }
      return session.join(
        ctx.socket,
        {
          subjectId: subjectIdOf(principal),
          role,
          displayName: principal.displayName,
          facilitator,
        },
        { checkIn: stored?.checkIn ?? null, checkInId: stored?.id ?? null },
      );
    });
  };

  return {
    'room:join': ((ctx, payload) => joinOnce(ctx, payload)) satisfies Handler<'room:join'>,

    'room:leave': guard.joined<'room:leave'>(lookup, (c) =>
      c.session.run(async () => {
        if (c.participant.state.kind !== 'left')
          await c.session.leave(c.participant.id, 'left', 'left');
        return {};
      }),
    ),

    'hand:raise': guard.admitted<'hand:raise'>(lookup, (c) =>
      handChanged(c, c.session.room.raiseHand(c.participant.id, c.session.now())),
    ),

    'hand:lower': guard.admitted<'hand:lower'>(lookup, (c) =>
      handChanged(c, c.session.room.lowerHand(c.participant.id)),
    ),

    'chat:send': guard.admitted<'chat:send'>(lookup, (c, { text }) => {
      const message = {
        id: randomUUID(),
        fromId: c.participant.id,
        fromName: c.participant.displayName,
        text,
        at: c.session.now(),
      };
      // Chat stays inside the sender's space: a private 1:1 stays private.
      for (const viewer of c.session.room.admitted()) {
        if (viewer.space === c.participant.space)
          c.session.toParticipant(viewer.id, 'chat:message', message);
      }
      return { messageId: message.id };
    }),
  } satisfies { [K in RoomRequest]: Handler<K> };
}
