import type { MediaKind, MediaSource } from '@haven/protocol';
import type { types } from 'mediasoup';
import type { TransportSettings } from './config.js';
import type { LayerDemand } from './layer-demand.js';

/** A producer as the room indexes it: who owns it and what it carries. */
export interface ProducerEntry {
  readonly producer: types.Producer;
  readonly peerId: string;
  readonly source: MediaSource;
}

/** What a room shares with its peers. Internal: not exported from the package. */
export interface RoomShared {
  readonly router: types.Router;
  readonly transport: TransportSettings;
  /** Every open producer of the room, by producer id; each peer keeps its own in sync. */
  readonly producers: Map<string, ProducerEntry>;
  /** The layers wanted of each simulcast producer; producers and consumers report to it. */
  readonly demand: LayerDemand;
}

/**
 * Browsers (libwebrtc) answer at most one key frame request per this long, for all the
 * layers of a camera, and ignore the others.
 */
export const BROWSER_KEY_FRAME_INTERVAL_MS = 300;

/** The only kind each source may carry. */
export const KIND_OF_SOURCE = {
  mic: 'audio',
  camera: 'video',
  screen: 'video',
} as const satisfies Record<MediaSource, MediaKind>;

/** Layers a consumer receives: spatial (simulcast encoding) and temporal (frame rate). */
export interface ConsumerLayers {
  spatialLayer: number;
  temporalLayer?: number;
}

/** What a peer knows about one of its consumers. */
export interface ConsumerInfo {
  consumerId: string;
  producerId: string;
  /** The participant whose producer this consumer receives. */
  participantId: string;
  kind: MediaKind;
  source: MediaSource;
  paused: boolean;
  producerPaused: boolean;
  /** Simulcast/SVC consumers only; what the receiver asked for. */
  preferredLayers?: ConsumerLayers;
  /** Simulcast/SVC consumers only; what is being forwarded now (none until media flows). */
  currentLayers?: ConsumerLayers;
}
