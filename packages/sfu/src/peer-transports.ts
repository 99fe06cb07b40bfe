import type { DtlsParameters, TransportDirection, TransportOptions } from '@haven/protocol';
import type { types } from 'mediasoup';
import { invalidState, notFound, toMediaError } from './errors.js';
import type { Logger } from './logger.js';
import type { RoomShared } from './shared.js';
import { dtlsParametersFromWire, transportOptionsToWire } from './wire.js';

export interface TransportEntry {
  readonly transport: types.WebRtcTransport;
  readonly direction: TransportDirection;
  dtls: 'new' | 'connecting' | 'connected';
}

/**
 * A peer's WebRTC transports: at most one per direction. Creating one for a direction
 * that already has one replaces it; the old one closes, and with it its producers or
 * consumers. That is how a client recovers from a transport that failed for good.
 */
export class PeerTransports {
  readonly #shared: RoomShared;
  readonly #log: Logger;
  readonly #peerClosed: () => boolean;
  readonly #entries = new Map<string, TransportEntry>();

  constructor(shared: RoomShared, logger: Logger, peerClosed: () => boolean) {
    this.#shared = shared;
    this.#log = logger;
    this.#peerClosed = peerClosed;
  }

  async create(
    direction: TransportDirection,
    dtlsParameters?: DtlsParameters,
  ): Promise<TransportOptions> {
    const settings = this.#shared.transport;
    let transport: types.WebRtcTransport;
    try {
      transport = await this.#shared.router.createWebRtcTransport({
        listenInfos: settings.listenInfos.map((info) => ({ ...info })),
        preferUdp: settings.preferUdp,
        initialAvailableOutgoingBitrate: settings.initialAvailableOutgoingBitrate,
      });
    } catch (error) {
      throw toMediaError(error, 'createTransport', this.#log, { direction });
    }
    if (this.#peerClosed()) {
      transport.close();
      throw invalidState('the peer is closed');
    }
    this.of(direction)?.transport.close();
    const id = transport.id;
    this.#entries.set(id, { transport, direction, dtls: 'new' });
    transport.observer.once('close', () => this.#entries.delete(id));
    transport.on('dtlsstatechange', (state) => {
      if (state === 'failed') this.#log.warn({ transportId: id, direction }, 'DTLS failed');
    });
    this.#log.debug({ transportId: id, direction }, 'transport created');
    if (dtlsParameters) {
      try {
        await this.connect(id, dtlsParameters);
      } catch (error) {
        transport.close();
        throw error;
      }
    }
    return transportOptionsToWire(transport);
  }

  /** Connects once; a second connect is refused with INVALID_STATE. */
  async connect(transportId: string, dtlsParameters: DtlsParameters): Promise<void> {
    const entry = this.get(transportId);
    if (entry.dtls !== 'new') throw invalidState('the transport is already connected');
    entry.dtls = 'connecting';
    try {
      await entry.transport.connect({ dtlsParameters: dtlsParametersFromWire(dtlsParameters) });
      entry.dtls = 'connected';
    } catch (error) {
      entry.dtls = 'new';
      throw toMediaError(error, 'connectTransport', this.#log, { transportId });
    }
  }

  async restartIce(transportId: string): Promise<TransportOptions['iceParameters']> {
    const entry = this.get(transportId);
    try {
      return { ...(await entry.transport.restartIce()) };
    } catch (error) {
      throw toMediaError(error, 'restartIce', this.#log, { transportId });
    }
  }

  /** This peer's transport with that id, or NOT_FOUND. */
  get(transportId: string): TransportEntry {
    const entry = this.#entries.get(transportId);
    if (!entry) throw notFound('no such transport');
    return entry;
  }

  of(direction: TransportDirection): TransportEntry | undefined {
    for (const entry of this.#entries.values()) if (entry.direction === direction) return entry;
    return undefined;
  }

  closeAll(): void {
    for (const { transport } of [...this.#entries.values()]) transport.close();
    this.#entries.clear();
  }
}
