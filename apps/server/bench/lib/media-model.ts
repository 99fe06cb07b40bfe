/**
 * What a participant's browser sends, as numbers: the web client's camera encodings
 * (apps/web/src/call/MediaSession.ts: three simulcast layers, L1T3, 100/300/900 kbps at
 * the camera's 24 fps) and Opus in 20 ms packets with DTX. Pure.
 */

export interface VideoLayer {
  rid: string;
  /** Bits per second the layer is allowed (the client's maxBitrate). */
  bitrate: number;
}

/** The camera's layers, smallest first, as the web client asks the browser for them. */
export const CAMERA_LAYERS: readonly VideoLayer[] = [
  { rid: 'r0', bitrate: 100_000 },
  { rid: 'r1', bitrate: 300_000 },
  { rid: 'r2', bitrate: 900_000 },
];

/** The camera constraint's ideal frame rate. */
export const FRAME_RATE = 24;
/** VP8 bytes per RTP packet at most (a 1200-byte packet less headers). */
export const MAX_VIDEO_PAYLOAD = 1100;
/** A key frame is about this many times the size of an average frame. */
export const KEY_FRAME_FACTOR = 4;
/** L1T3: temporal layer of each frame in a 4-frame cycle. */
export const TEMPORAL_PATTERN: readonly number[] = [0, 2, 1, 2];

export const OPUS = {
  /** One packet per 20 ms while speaking. */
  packetMs: 20,
  /** 32 kbps speech: 80 bytes of Opus per packet. */
  speechBytes: 80,
  /** In DTX the encoder sends one TOC-only packet about every 400 ms. */
  dtxMs: 400,
  dtxBytes: 1,
} as const;

/** Payload sizes of the RTP packets of one frame (VP8 descriptor excluded). */
export function framePacketSizes(bitrate: number, keyFrame: boolean, fps = FRAME_RATE): number[] {
  const average = bitrate / 8 / fps;
  const bytes = Math.max(1, Math.round(keyFrame ? average * KEY_FRAME_FACTOR : average));
  const packets = Math.ceil(bytes / MAX_VIDEO_PAYLOAD);
  const base = Math.floor(bytes / packets);
  const sizes = new Array<number>(packets).fill(base);
  sizes[packets - 1] = bytes - base * (packets - 1);
  return sizes;
}

/** Temporal layer of frame `index`, and whether it depends on the base layer only. */
export function temporalLayer(index: number): { layer: number; sync: boolean } {
  const position = index % TEMPORAL_PATTERN.length;
  const layer = TEMPORAL_PATTERN[position]!;
  // In 0,2,1,2 the first TL2 frame and the TL1 frame refer to the TL0 frame only.
  return { layer, sync: layer > 0 && position < 3 };
}

/** Packets per second of one video layer in steady state (no key frames). */
export function layerPacketRate(layer: VideoLayer, fps = FRAME_RATE): number {
  return framePacketSizes(layer.bitrate, false, fps).length * fps;
}

export type AudioMode = 'speech' | 'dtx';

export function audioPacketRate(mode: AudioMode): number {
  return mode === 'speech' ? 1000 / OPUS.packetMs : 1000 / OPUS.dtxMs;
}

/**
 * Who speaks when, with one speaker at a time: participant `i` of `n` speaks during
 * the `turnMs` turns t where floor(t / turnMs) % n === i.
 */
export function speakerAt(ms: number, participants: number, turnMs: number): number {
  return Math.floor(ms / turnMs) % participants;
}

/**
 * How a room is shaped: `participants` people, of whom the first `senders` publish a
 * microphone and a simulcast camera, and every one receives everyone else's.
 */
export interface RoomShape {
  name: string;
  participants: number;
  senders: number;
}

export const ONE_TO_ONE: RoomShape = { name: '1:1', participants: 2, senders: 2 };
export const GROUP_OF_8: RoomShape = { name: 'group of 8', participants: 8, senders: 8 };
export const PRESENTING_TO_12: RoomShape = {
  name: 'clinician presenting to 12',
  participants: 13,
  senders: 1,
};
/** An IOP group: ten patients and a clinician, every camera on. */
export const IOP_GROUP: RoomShape = {
  name: 'IOP group (10 + clinician)',
  participants: 11,
  senders: 11,
};

/** What the viewers of a room receive and the senders send, in the model's terms. */
export interface Policy {
  /** Spatial layer every video consumer asks for; undefined: mediasoup's default (the top). */
  spatialLayer: number | undefined;
  /** 'all': every microphone sends speech; 'one-speaker': one at a time, the rest DTX. */
  audio: 'all' | 'one-speaker';
  /**
   * Cameras encode only the layers some viewer receives (Haven's media:layersWanted and
   * mediasoup-client's setMaxSpatialLayer); otherwise all three.
   */
  trimUpstream?: boolean;
}

/** How many simulcast layers each camera encodes and sends under `policy`. */
export function sentLayers(policy: Policy): number {
  return policy.trimUpstream && policy.spatialLayer !== undefined
    ? policy.spatialLayer + 1
    : CAMERA_LAYERS.length;
}

/** Packets per second into and out of the SFU for one room, steady state. */
export function roomPacketRates(shape: RoomShape, policy: Policy): { in: number; out: number } {
  const layer = CAMERA_LAYERS[policy.spatialLayer ?? CAMERA_LAYERS.length - 1]!;
  const video = CAMERA_LAYERS.slice(0, sentLayers(policy)).reduce(
    (sum, l) => sum + layerPacketRate(l),
    0,
  );
  const viewersPerSender = shape.participants - 1;
  const speech = audioPacketRate('speech');
  const audioIn =
    policy.audio === 'all'
      ? shape.senders * speech
      : speech + (shape.senders - 1) * audioPacketRate('dtx');
  return {
    in: audioIn + shape.senders * video,
    out: viewersPerSender * (audioIn + shape.senders * layerPacketRate(layer)),
  };
}
