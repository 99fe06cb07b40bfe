import { availableParallelism } from 'node:os';
import type { types } from 'mediasoup';
import { LAYER_DROP_DELAY_MS } from './layer-demand.js';

/** How the pool runs its media workers and where transports listen. */
export interface SfuConfig {
  /** Worker processes to run; default `os.availableParallelism()`. */
  numWorkers?: number;
  /** Log level of the worker processes; default `'warn'`. */
  logLevel?: 'debug' | 'warn' | 'error' | 'none';
  /** Inclusive port range for ICE (UDP and TCP each take one port per transport). */
  rtcMinPort: number;
  rtcMaxPort: number;
  /** Local address transports bind to, e.g. `'0.0.0.0'` or `'127.0.0.1'`. */
  listenIp: string;
  /** Public IP or hostname announced in ICE candidates; required with 0.0.0.0 or ::, and behind NAT. */
  announcedAddress?: string;
  /** Default true. */
  enableUdp?: boolean;
  /** Default true: TCP is the fallback for networks that block UDP. */
  enableTcp?: boolean;
  /** Default true: UDP candidates get the higher priority. False means no preference. */
  preferUdp?: boolean;
  /** Bits per second a new transport may send before bandwidth estimation; default 1 Mbps. */
  initialAvailableOutgoingBitrate?: number;
  /**
   * Send and receive buffer of each transport's socket, in bytes; default 2 MiB. A worker
   * busy forwarding a burst reads its sockets late; the kernel drops what does not fit.
   * Linux caps the value at net.core.rmem_max / wmem_max.
   */
  socketBufferBytes?: number;
  /**
   * How long, in ms, fewer simulcast layers must be wanted of a camera before its owner
   * is told to send fewer (more are told at once); default 1000.
   */
  layerDropDelayMs?: number;
}

/** A config with every default applied, checked once at pool creation. */
export interface ResolvedSfuConfig {
  numWorkers: number;
  logLevel: types.WorkerLogLevel;
  transport: TransportSettings;
  socketBufferBytes: number;
  layerDropDelayMs: number;
}

/** What every WebRtcTransport of the pool is created with. */
export interface TransportSettings {
  listenInfos: types.TransportListenInfo[];
  preferUdp: boolean;
  initialAvailableOutgoingBitrate: number;
}

const DEFAULT_OUTGOING_BITRATE = 1_000_000;
const DEFAULT_SOCKET_BUFFER = 2 << 20;
const WILDCARDS = new Set(['0.0.0.0', '::']);

export function resolveConfig(config: SfuConfig): ResolvedSfuConfig {
  const numWorkers = config.numWorkers ?? availableParallelism();
  if (!Number.isInteger(numWorkers) || numWorkers < 1) {
    throw new TypeError(`SfuConfig.numWorkers must be a positive integer, got ${numWorkers}`);
  }
  const { rtcMinPort: min, rtcMaxPort: max } = config;
  if (!isPort(min) || !isPort(max) || min > max) {
    throw new TypeError(
      `SfuConfig.rtcMinPort/rtcMaxPort must be ports with min <= max, got ${min}-${max}`,
    );
  }
  if (typeof config.listenIp !== 'string' || config.listenIp.length === 0) {
    throw new TypeError('SfuConfig.listenIp is required');
  }
  if (WILDCARDS.has(config.listenIp) && !config.announcedAddress) {
    throw new TypeError(
      `SfuConfig.listenIp ${config.listenIp} listens everywhere but is no address a client can ` +
        'reach: set announcedAddress to the public IP or hostname',
    );
  }
  const enableUdp = config.enableUdp ?? true;
  const enableTcp = config.enableTcp ?? true;
  if (!enableUdp && !enableTcp) {
    throw new TypeError('SfuConfig: at least one of enableUdp and enableTcp must be true');
  }
  const preferUdp = config.preferUdp ?? true;
  const bitrate = config.initialAvailableOutgoingBitrate ?? DEFAULT_OUTGOING_BITRATE;
  if (!Number.isFinite(bitrate) || bitrate <= 0) {
    throw new TypeError('SfuConfig.initialAvailableOutgoingBitrate must be a positive number');
  }

  const buffer = config.socketBufferBytes ?? DEFAULT_SOCKET_BUFFER;
  if (!Number.isInteger(buffer) || buffer < 4096) {
    throw new TypeError('SfuConfig.socketBufferBytes must be an integer of at least 4096');
  }

  const layerDropDelayMs = config.layerDropDelayMs ?? LAYER_DROP_DELAY_MS;
  if (!Number.isInteger(layerDropDelayMs) || layerDropDelayMs < 0) {
    throw new TypeError('SfuConfig.layerDropDelayMs must be a non-negative integer');
  }

  const protocols: types.TransportProtocol[] = [];
  if (enableUdp) protocols.push('udp');
  if (enableTcp) protocols.push('tcp');
  const listenInfos = protocols.map((protocol): types.TransportListenInfo => ({
    protocol,
    ip: config.listenIp,
    ...(config.announcedAddress ? { announcedAddress: config.announcedAddress } : {}),
    portRange: { min, max },
    sendBufferSize: buffer,
    recvBufferSize: buffer,
  }));

  return {
    numWorkers,
    logLevel: config.logLevel ?? 'warn',
    transport: { listenInfos, preferUdp, initialAvailableOutgoingBitrate: bitrate },
    socketBufferBytes: buffer,
    layerDropDelayMs,
  };
}

function isPort(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535;
}
