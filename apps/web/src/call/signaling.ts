import type {
  ClientRequest,
  ClientRequestName,
  ClientResponses,
  Result,
  ServerToClientEvents,
} from '@haven/protocol';
import { isErrorCode } from '@haven/protocol';
import type { Socket } from 'socket.io-client';
import { CallError } from './errors';

/**
 * Outbound events as the socket sees them: every request carries a payload and expects one
 * ack. The payload and answer types are enforced one level up, by `Requester`.
 */
type OutboundEvents = {
  [K in ClientRequestName]: (payload: unknown, ack: (answer: unknown) => void) => void;
};

/** The socket as the call engine sees it: typed inbound events; outbound requests go through `Requester`. */
export type HavenSocket = Socket<ServerToClientEvents, OutboundEvents>;

/** Sends one request and resolves with its data, or rejects with a CallError carrying the code. */
export type Requester = <K extends ClientRequestName>(
  name: K,
  payload: ClientRequest<K>,
  timeoutMs?: number,
) => Promise<ClientResponses[K]>;

const isResult = (value: unknown): value is Result<unknown> =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { ok?: unknown }).ok === 'boolean';

/** Reads an ack: `{ ok: true, data }` gives the data, anything else throws a CallError. */
export function unwrap<T>(name: string, value: unknown): T {
  if (!isResult(value)) throw new CallError('INTERNAL', `${name}: malformed answer`, name);
  if (value.ok) return value.data as T;
  const { code, message } = value.error;
  throw new CallError(isErrorCode(code) ? code : 'INTERNAL', message, name);
}

export function createRequester(socket: HavenSocket, defaultTimeoutMs: number): Requester {
  return <K extends ClientRequestName>(
    name: K,
    payload: ClientRequest<K>,
    timeoutMs = defaultTimeoutMs,
  ): Promise<ClientResponses[K]> =>
    new Promise((resolve, reject) => {
      if (!socket.connected) {
        reject(new CallError('DISCONNECTED', `${name}: not connected`, name));
        return;
      }
      const event: ClientRequestName = name;
      socket.timeout(timeoutMs).emit(event, payload, (err: Error | null, answer: unknown) => {
        if (err) {
          reject(new CallError('TIMEOUT', `${name}: no answer within ${timeoutMs} ms`, name));
          return;
        }
        try {
          resolve(unwrap<ClientResponses[K]>(name, answer));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
}
