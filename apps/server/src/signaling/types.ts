import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@haven/protocol';
import type { Principal } from '../auth/principal.js';

export interface SocketData {
  principal: Principal;
  requestSeq: number;
  sessionId?: string;
  participantId?: string;
  /** The socket's join, once asked for: a repeated request waits for it, never joins twice. */
  joining?: { sessionId: string; done: Promise<unknown> };
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type InterServerEvents = {};

export type HavenServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type HavenSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** socket.io room names: one place, so nobody builds them by hand. */
export const channels = {
  participant: (participantId: string) => `p:${participantId}`,
  /** Every connection of one staff member, to close them when the account changes. */
  user: (userId: string) => `u:${userId}`,
  admitted: (sessionId: string) => `s:${sessionId}:in`,
  staff: (sessionId: string) => `s:${sessionId}:staff`,
};
