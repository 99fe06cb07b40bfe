import { PROTOCOL_VERSION } from '@haven/protocol';
import { io, type Socket } from 'socket.io-client';

/** A socket.io connection with `token`, WebSocket only, no reconnection; resolves once connected. */
export function connectSocket(url: string, token: string): Promise<Socket> {
  const socket = io(url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** A socket.io connection speaking Haven's request/acknowledge protocol. */
export class Signal {
  /** Time with at least one request waiting for its acknowledgement (ms). */
  waitedMs = 0;
  /** The router's capabilities, as the server sends them on entering the room. */
  routerRtpCapabilities: unknown;
  #outstanding = 0;
  #waitingSince = 0;

  private constructor(readonly socket: Socket) {
    socket.on('you:status', (status: { routerRtpCapabilities?: unknown }) => {
      if (status.routerRtpCapabilities) this.routerRtpCapabilities = status.routerRtpCapabilities;
    });
  }

  static async connect(url: string, token: string): Promise<Signal> {
    return new Signal(await connectSocket(url, token));
  }

  request<T = Record<string, unknown>>(name: string, payload: unknown = {}): Promise<T> {
    if (this.#outstanding++ === 0) this.#waitingSince = performance.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${name}`)), 20_000);
      this.socket.emit(name, payload, (ack: Ack<T>) => {
        clearTimeout(timer);
        if (--this.#outstanding === 0) this.waitedMs += performance.now() - this.#waitingSince;
        if (ack.ok) resolve(ack.data);
        else reject(new Error(`${name}: ${ack.error.code} ${ack.error.message}`));
      });
    });
  }

  join(sessionId: string): Promise<unknown> {
    return this.request('room:join', { protocolVersion: PROTOCOL_VERSION, sessionId });
  }

  close(): void {
    this.socket.close();
  }
}
