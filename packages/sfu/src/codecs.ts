import type { types } from 'mediasoup';

/**
 * The codecs every room's router offers. Opus for voice (in-band FEC for lossy links,
 * DTX to save bandwidth in silence); VP8 for video, with simulcast; H264 constrained
 * baseline for Safari and for hardware encoders. mediasoup adds its default RTCP
 * feedback (nack, pli, fir, transport-cc, goog-remb) and RTX itself. Frozen: the pool
 * hands each router a copy.
 */
export const mediaCodecs: readonly types.RouterRtpCodecCapability[] = deepFreeze([
  {
    kind: 'audio',
    mimeType: 'audio/opus',
    clockRate: 48000,
    channels: 2,
    parameters: { useinbandfec: 1, usedtx: 1 },
  },
  {
    kind: 'video',
    mimeType: 'video/VP8',
    clockRate: 90000,
  },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: {
      'packetization-mode': 1,
      'profile-level-id': '42e01f',
      'level-asymmetry-allowed': 1,
    },
  },
]);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
