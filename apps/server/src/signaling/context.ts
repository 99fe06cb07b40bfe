import type { Logger } from 'pino';
import {
  HavenError,
  type ClientRequestName,
  type ClientResponses,
  type ParsedRequest,
} from '@haven/protocol';
import type { Principal } from '../auth/principal.js';
import { can, mayEver } from '../rooms/policy.js';
import type { LiveSession } from '../rooms/live-session.js';
import type { Participant } from '../rooms/participant.js';
import type { HavenSocket } from './types.js';

export interface RequestContext {
  socket: HavenSocket;
  principal: Principal;
  requestId: string;
  log: Logger;
}

/** A request from someone who has joined a session. */
export interface InSession extends RequestContext {
  session: LiveSession;
  participant: Participant;
}

export type Handler<K extends ClientRequestName, C = RequestContext> = (
  ctx: C,
  payload: ParsedRequest<K>,
) => Promise<ClientResponses[K]> | ClientResponses[K];

export interface Joined {
  session: LiveSession;
}

/** Looks up the session this socket has joined. */
export type JoinedLookup = (socket: HavenSocket) => Joined | undefined;

/**
 * Refuses a principal whose account is no longer active or has changed since its token
 * was signed: a connection is checked when it opens, and again where it asks for more.
 */
export type AccountCheck = (principal: Principal) => Promise<void>;

/**
 * One request's context. Its id and its child logger cost more than a cheap request, so
 * they are made only when asked for; the getters live on the prototype, so a request
 * makes one small object and no closures.
 */
export class SocketRequest implements RequestContext {
  #log: Logger | undefined;

  constructor(
    readonly socket: HavenSocket,
    readonly principal: Principal,
    private readonly name: string,
    private readonly seq: number,
    private readonly socketLog: Logger,
  ) {}

  get requestId(): string {
    return `${this.socket.id}:${this.seq}`;
  }

  get log(): Logger {
    return (this.#log ??= this.socketLog.child({
      request: this.name,
      participantId: this.socket.data.participantId,
    }));
  }
}

/** A request's context with the session its sender joined; id and logger stay lazy. */
class SessionRequest implements InSession {
  constructor(
    private readonly request: RequestContext,
    readonly session: LiveSession,
    readonly participant: Participant,
  ) {}

  get socket(): HavenSocket {
    return this.request.socket;
  }

  get principal(): Principal {
    return this.request.principal;
  }

  get requestId(): string {
    return this.request.requestId;
  }

  get log(): Logger {
    return this.request.log;
  }
}

export function inSession(ctx: RequestContext, lookup: JoinedLookup): InSession {
  const joined = lookup(ctx.socket);
  const participantId = ctx.socket.data.participantId;
  if (!joined || !participantId) throw new HavenError('NOT_JOINED', 'Join a session first.');
  const participant = joined.session.room.get(participantId);
  if (!participant) throw new HavenError('NOT_JOINED', 'Join a session first.');
  return new SessionRequest(ctx, joined.session, participant);
}

/** Guards: each wraps a handler with the check it needs, so no handler re-checks by hand. */
export const guard = {
  joined<K extends ClientRequestName>(lookup: JoinedLookup, fn: Handler<K, InSession>): Handler<K> {
    return (ctx, payload) => fn(inSession(ctx, lookup), payload);
  },
  admitted<K extends ClientRequestName>(
    lookup: JoinedLookup,
    fn: Handler<K, InSession>,
  ): Handler<K> {
    return (ctx, payload) => {
      const c = inSession(ctx, lookup);
      if (!c.participant.admitted)
        throw new HavenError('NOT_ADMITTED', 'You are in the waiting room.');
      return fn(c, payload);
    };
  },
  /**
   * Moderation: the role is checked before anything is looked up; then the account, as
   * it stands now (a deactivated clinician whose connection another node failed to close
   * moderates nothing); then the session's staff, read from the clinic's records now, in
   * turn with the session's other changes.
   */
  moderator<K extends ClientRequestName>(
    lookup: JoinedLookup,
    confirm: AccountCheck,
    fn: Handler<K, InSession>,
  ): Handler<K> {
    const refuse = () => new HavenError('FORBIDDEN', 'Only the session’s clinicians can do that.');
    return async (ctx, payload) => {
      if (!mayEver(ctx.principal, 'session.moderate')) throw refuse();
      await confirm(ctx.principal);
      const c = inSession(ctx, lookup);
      return c.session.run(async () => {
        const staff = await c.session.staff();
        if (!c.participant.admitted || !can(c.principal, 'session.moderate', staff)) throw refuse();
        return fn(c, payload);
      });
    };
  },
};
