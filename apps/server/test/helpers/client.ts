import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type ClientRequest,
  type ClientRequestName,
  type ClientResponses,
  type ClientToServerEvents,
  type Result,
  type ServerToClientEvents,
} from '@haven/protocol';

type Received = { event: string; payload: unknown; at: number };

/** A socket.io client speaking Haven's protocol, recording every event it receives. */
export class TestClient {
  readonly received: Received[] = [];

  private constructor(readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>) {
    socket.onAny((event: string, payload: unknown) =>
      this.received.push({ event, payload, at: Date.now() }),
    );
  }

  static connect(url: string, token: string): Promise<TestClient> {
    const socket = io(url, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const client = new TestClient(socket as Socket<ServerToClientEvents, ClientToServerEvents>);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(client));
      socket.once('connect_error', (err) => {
        socket.close();
        reject(err);
      });
    });
  }

  request<K extends ClientRequestName>(
    name: K,
    payload: ClientRequest<K> | unknown,
  ): Promise<Result<ClientResponses[K]>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${name}`)), 10_000);
      (
        this.socket as unknown as { emit(e: string, p: unknown, ack: (r: unknown) => void): void }
      ).emit(name, payload, (result: unknown) => {
        clearTimeout(timer);
        resolve(result as Result<ClientResponses[K]>);
      });
    });
  }

  /** The request's data, or a thrown error naming the code. */
  async ok<K extends ClientRequestName>(
    name: K,
    payload: ClientRequest<K> | unknown = {},
  ): Promise<ClientResponses[K]> {
    const result = await this.request(name, payload);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
    return result.data;
  }

  /** The error code a request fails with. */
  async code<K extends ClientRequestName>(
    name: K,
    payload: ClientRequest<K> | unknown = {},
  ): Promise<string> {
    const result = await this.request(name, payload);
    return result.ok ? 'OK' : result.error.code;
  }

  join(sessionId: string, extra: Record<string, unknown> = {}) {
    return this.ok('room:join', { protocolVersion: PROTOCOL_VERSION, sessionId, ...extra });
  }

  events(name: string): unknown[] {
    return this.received.filter((r) => r.event === name).map((r) => r.payload);
  }

  /** Waits for an event (already received after `since`, or arriving) matching `match`. */
  waitFor<T = unknown>(name: string, match: (p: T) => boolean = () => true, ms = 5000): Promise<T> {
    const found = this.received.find((r) => r.event === name && match(r.payload as T));
    if (found) return Promise.resolve(found.payload as T);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.socket.offAny(listener);
        reject(new Error(`no '${name}' event within ${ms} ms`));
      }, ms);
      const listener = (event: string, payload: unknown) => {
        if (event === name && match(payload as T)) {
          clearTimeout(timer);
          this.socket.offAny(listener);
          resolve(payload as T);
        }
      };
      this.socket.onAny(listener);
    });
  }

  clear(): void {
    this.received.length = 0;
  }

  close(): void {
    this.socket.close();
  }
}
