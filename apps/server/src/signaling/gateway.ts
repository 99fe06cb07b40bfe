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
import { SocketRequest, type Handler, type Joined } from './context.js';
import { mediaHandlers } from './media-handlers.js';
import { moderationHandlers } from './moderation-handlers.js';
import { roomHandlers } from './room-handlers.js';
import { describeIssues, toFailure } from './respond.js';
import type { HavenServer, HavenSocket } from './types.js';
import { RateLimiter } from './rate-limit.js';

export interface GatewayDeps {
  io: HavenServer;
  tokens: TokenService;
  registry: RoomRegistry;
  directoryFor: DirectoryFor;
  logger: Logger;
}

/**
 * The socket edge: verify the token once at connect, then for each request parse the
 * payload, run the handler (which authorizes through the policy), and acknowledge
 * with exactly one Result. Nothing thrown escapes to crash the process.
 */
export function attachGateway({ io, tokens, registry, directoryFor, logger }: GatewayDeps): void {
  const log = logger.child({ module: 'signaling' });

  io.use((socket, next) => {
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    if (!auth.success)
      return next(
        Object.assign(new Error('UNAUTHENTICATED'), { data: { code: 'UNAUTHENTICATED' } }),
      );
    try {
      socket.data.principal = tokens.verify(auth.data.token);
      socket.data.requestSeq = 0;
      next();
    } catch (err) {
      const code = err instanceof HavenError ? err.code : 'UNAUTHENTICATED';
      next(Object.assign(new Error(code), { data: { code } }));
    }
  });

  const lookup = (socket: HavenSocket): Joined | undefined => {
    const session = socket.data.sessionId ? registry.live(socket.data.sessionId) : undefined;
    return session ? { session } : undefined;
  };
  const handlers = {
    ...roomHandlers(registry, directoryFor, lookup),
    ...mediaHandlers(lookup),
    ...moderationHandlers(directoryFor, lookup),
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
