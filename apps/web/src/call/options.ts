import type { CheckIn } from '@haven/protocol';
import type { Device } from 'mediasoup-client';
import { io, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import type { DeviceChoice, MediaDevicesLike } from './localMedia';
import type { HavenSocket } from './signaling';
import type { DeviceSource } from './types';

export type SocketSettings = Partial<ManagerOptions & SocketOptions>;

/**
 * The signed token naming this person and session; sent in the socket handshake only.
 * A function is asked again before every connection and reconnection, so a short-lived
 * token (staff) can be renewed while the call goes on.
 */
export type TokenSource = string | (() => Promise<string>);

export interface CallClientOptions {
  token: TokenSource;
  /** Signaling origin; the page's own origin when absent. */
  url?: string;
  /** Extra socket.io options (tests: forceNew, reconnection delays...). */
  socketOptions?: SocketSettings;
  /** Publish nothing: no camera, no microphone (audio-only listeners, no devices). */
  listenOnly?: boolean;
  /** Join with the camera; default true. Ignored when listenOnly. */
  camera?: boolean;
  /** The microphone and camera to use (`MediaDeviceInfo.deviceId`); the browser's default otherwise. */
  devices?: DeviceChoice;
  /**
   * Tracks already open (a device check's preview), used instead of asking the browser
   * again. The call owns them from then on and stops them when it ends.
   */
  tracks?: Partial<Record<DeviceSource, MediaStreamTrack>>;
  requestTimeoutMs?: number;
  /** How long join() waits for a first connection before failing with TIMEOUT. */
  connectTimeoutMs?: number;
  /** How long a "left" tile stays visible. */
  departureMs?: number;
  /** The first wait before starting media again after a start failed; it doubles each time. */
  mediaRetryMs?: number;
  mediaDevices?: MediaDevicesLike;
  createDevice?: () => Promise<Device>;
  /** Replaces socket.io-client's `io()` (tests drive a scripted server through it). */
  createSocket?: (url: string | undefined, options: SocketSettings) => HavenSocket;
}

export interface JoinOptions {
  sessionId: string;
  checkIn?: CheckIn;
}

/**
 * The signaling socket, not yet connected. WebSocket first, long-polling if a proxy blocks
 * it; the token travels in the handshake only, never in a URL.
 */
export function openSocket(options: CallClientOptions): HavenSocket {
  const settings: SocketSettings = {
    autoConnect: false,
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    auth: handshakeAuth(options.token),
    ...options.socketOptions,
  };
  if (options.createSocket) return options.createSocket(options.url, settings);
  return options.url ? io(options.url, settings) : io(settings);
}

/**
 * Names the session in the connection's address (`?session=`), so that a load balancer in
 * front of several nodes can send every connection of a session to the node that runs it
 * (the token, in the handshake's body, is out of its sight). Applies to the next connection.
 */
export function routeToSession(socket: HavenSocket, sessionId: string): void {
  const manager = (socket as { io?: { opts: { query?: Record<string, string> } } }).io;
  if (manager) manager.opts.query = { ...manager.opts.query, session: sessionId };
}

type AuthCallback = (data: { token?: string }) => void;

/** socket.io's `auth`: a fixed object, or a function it calls before every (re)connection. */
export function handshakeAuth(token: TokenSource): SocketSettings['auth'] {
  if (typeof token === 'string') return { token };
  return (callback: AuthCallback) => {
    // A token that cannot be renewed makes the server refuse the handshake, which the
    // call reports like any refused handshake.
    token().then(
      (value) => callback({ token: value }),
      () => callback({}),
    );
  };
}
