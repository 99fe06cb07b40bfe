import type { Logger } from 'pino';
import {
  ClientRequests,
  HandshakeAuth,
  HavenError,
  fail,
  ok,
  type ClientRequestName,
} from '@haven/protocol';
import type { TokenService } from '../auth/tokens.js';
import type { RoomRegistry } from '../rooms/registry.js';
import type { DirectoryFor } from './directory.js';
import { SocketRequest, type AccountCheck, type Handler, type Joined } from './context.js';
import { mediaHandlers } from './media-handlers.js';
import { moderationHandlers } from './moderation-handlers.js';
import { e2eeHandlers } from './e2ee-handlers.js';
import { roomHandlers } from './room-handlers.js';
import { describeIssues, toFailure } from './respond.js';
import { channels, type HavenServer, type HavenSocket } from './types.js';
import type { Principal } from '../auth/principal.js';
import { RateLimiter } from './rate-limit.js';

export interface GatewayDeps {
  io: HavenServer;
  tokens: TokenService;
  /** Refuses a verified token whose account is no longer active or has changed. */
  confirm: AccountCheck;
  registry: RoomRegistry;
  directoryFor: DirectoryFor;
  logger: Logger;
}

/**
 * The socket edge: verify the token once at connect, then for each request parse the
 * payload, run the handler (which authorizes through the policy), and acknowledge
 * with exactly one Result. Nothing thrown escapes to crash the process.
 */
export function attachGateway(deps: GatewayDeps): void {
  const { io, tokens, confirm, registry, directoryFor, logger } = deps;
  const log = logger.child({ module: 'signaling' });

  // A token that fails its checks is refused for good; a fault of the server's (its
  // database unreachable, say) is INTERNAL, which the page tries again.
  const refuse = (err: unknown) => {
    if (err !== null && !(err instanceof HavenError))
      log.error({ err }, 'a connection could not be checked');
    const code =
      err instanceof HavenError ? err.code : err === null ? 'UNAUTHENTICATED' : 'INTERNAL';
    return Object.assign(new Error(code), { data: { code } });
  };
  io.use((socket, next) => {
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    if (!auth.success) return next(refuse(null));
    let principal: Principal;
    try {
      principal = tokens.verify(auth.data.token);
    } catch (err) {
      return next(refuse(err));
    }
    confirm(principal).then(
      () => {
        socket.data.principal = principal;
        socket.data.requestSeq = 0;
        if (principal.kind === 'staff') void socket.join(channels.user(principal.userId));
        next();
      },
      (err: unknown) => next(refuse(err)),
    );
  });

  const lookup = (socket: HavenSocket): Joined | undefined => {
    const session = socket.data.sessionId ? registry.live(socket.data.sessionId) : undefined;
    return session ? { session } : undefined;
  };
  const handlers = {
    ...roomHandlers(registry, directoryFor, lookup, confirm),
    ...mediaHandlers(lookup),
    ...moderationHandlers(directoryFor, lookup, confirm),
    ...e2eeHandlers(lookup),
  } satisfies { [K in ClientRequestName]: Handler<K> };

  io.on('connection', (socket) => {
    const limiter = new RateLimiter(100, 50);
    const socketLog = log.child({ socketId: socket.id });
    for (const name of Object.keys(ClientRequests) as ClientRequestName[]) {
      socket.on(name, (async (raw: unknown, ack: unknown) => {
        if (typeof ack !== 'function') return; // every request must carry an acknowledgement
        const reply = ack as (r: unknown) => void;
        if (!limiter.take()) return reply(fail('RATE_LIMITED', 'Too many requests; slow down.'));
        const parsed = ClientRequests[name].safeParse(raw ?? {});
        if (!parsed.success) return reply(fail('BAD_REQUEST', describeIssues(parsed.error)));
        const seq = ++socket.data.requestSeq;
        const ctx = new SocketRequest(socket, socket.data.principal, name, seq, socketLog);
        try {
          const handler = handlers[name] as Handler<typeof name>;
          const data = await handler(ctx, parsed.data as never);
          reply(ok(data));
        } catch (err) {
          reply(toFailure(err, ctx.log, { request: name }));
        }
      }) as never);
    }

    socket.on('disconnect', (reason) => {
      const session = lookup(socket)?.session;
      if (!session) return;
      socketLog.debug({ reason }, 'socket disconnected');
      void session
        .run(() => session.disconnected(socket))
        .catch((err: unknown) => socketLog.error({ err }, 'handling a disconnect failed'));
    });
  });
}
