import type { CheckIn } from '@haven/protocol';
import type { Device } from 'mediasoup-client';
import { io, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import type { MediaDevicesLike } from './localMedia';
import type { HavenSocket } from './signaling';

export type SocketSettings = Partial<ManagerOptions & SocketOptions>;

export interface CallClientOptions {
  /** The signed token naming this person and session; sent in the socket handshake only. */
  token: string;
  /** Signaling origin; the page's own origin when absent. */
  url?: string;
  /** Extra socket.io options (tests: forceNew, reconnection delays...). */
  socketOptions?: SocketSettings;
  /** Publish nothing: no camera, no microphone (audio-only listeners, no devices). */
  listenOnly?: boolean;
  /** Join with the camera; default true. Ignored when listenOnly. */
  camera?: boolean;
  requestTimeoutMs?: number;
  /** How long join() waits for a first connection before failing with TIMEOUT. */
  connectTimeoutMs?: number;
  /** How long a "left" tile stays visible. */
  departureMs?: number;
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
    auth: { token: options.token },
    ...options.socketOptions,
  };
  if (options.createSocket) return options.createSocket(options.url, settings);
  return options.url ? io(options.url, settings) : io(settings);
}
