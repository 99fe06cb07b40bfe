import { z } from 'zod';

/**
 * Shapes of the mediasoup parameters that cross the wire. They are checked here for
 * structure (so a malformed payload is refused with BAD_REQUEST before it reaches the
 * SFU); mediasoup itself validates the deeper semantics.
 */
const Id = z.string().min(1).max(64);

export const MediaKind = z.enum(['audio', 'video']);
export type MediaKind = z.infer<typeof MediaKind>;

/** What a producer carries; decides layout and moderation (mute applies to mic, stop to camera). */
export const MediaSource = z.enum(['mic', 'camera', 'screen']);
export type MediaSource = z.infer<typeof MediaSource>;

export const TransportDirection = z.enum(['send', 'recv']);
export type TransportDirection = z.infer<typeof TransportDirection>;

const Fingerprint = z.object({
  algorithm: z.enum(['sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512']),
  value: z.string().min(1).max(256),
});

export const DtlsParameters = z.object({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z.array(Fingerprint).min(1).max(8),
});
export type DtlsParameters = z.infer<typeof DtlsParameters>;

const RtcpFeedback = z.looseObject({
  type: z.string().max(64),
  parameter: z.string().max(64).optional(),
});

const CodecParameters = z.record(z.string().max(64), z.union([z.string().max(256), z.number()]));

export const RtpCodecCapability = z.looseObject({
  kind: MediaKind,
  mimeType: z.string().min(3).max(64),
  preferredPayloadType: z.number().int().min(0).max(127).optional(),
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().max(8).optional(),
  parameters: CodecParameters.optional(),
  rtcpFeedback: z.array(RtcpFeedback).max(32).optional(),
});

const HeaderExtensionCapability = z.looseObject({
  kind: MediaKind,
  uri: z.string().min(1).max(256),
  preferredId: z.number().int().min(1).max(255),
  preferredEncrypt: z.boolean().optional(),
  direction: z.enum(['sendrecv', 'sendonly', 'recvonly', 'inactive']).optional(),
});

export const RtpCapabilities = z.looseObject({
  codecs: z.array(RtpCodecCapability).max(128).optional(),
  headerExtensions: z.array(HeaderExtensionCapability).max(64).optional(),
});
export type RtpCapabilities = z.infer<typeof RtpCapabilities>;

const RtpCodecParameters = z.looseObject({
  mimeType: z.string().min(3).max(64),
  payloadType: z.number().int().min(0).max(127),
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().max(8).optional(),
  parameters: CodecParameters.optional(),
  rtcpFeedback: z.array(RtcpFeedback).max(32).optional(),
});

const RtpEncoding = z.looseObject({
  ssrc: z.number().int().nonnegative().optional(),
  rid: z.string().max(32).optional(),
  codecPayloadType: z.number().int().optional(),
  rtx: z.object({ ssrc: z.number().int().nonnegative() }).optional(),
  dtx: z.boolean().optional(),
  scalabilityMode: z.string().max(16).optional(),
  maxBitrate: z.number().nonnegative().optional(),
  scaleResolutionDownBy: z.number().positive().optional(),
});

export const RtpParameters = z.looseObject({
  mid: z.string().max(32).optional(),
  codecs: z.array(RtpCodecParameters).min(1).max(32),
  headerExtensions: z
    .array(
      z.looseObject({
        uri: z.string().min(1).max(256),
        id: z.number().int().min(1).max(255),
        encrypt: z.boolean().optional(),
        parameters: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .max(32)
    .optional(),
  encodings: z.array(RtpEncoding).max(8).optional(),
  rtcp: z
    .looseObject({ cname: z.string().max(256).optional(), reducedSize: z.boolean().optional() })
    .optional(),
});
export type RtpParameters = z.infer<typeof RtpParameters>;

export const IceCandidate = z.looseObject({
  foundation: z.string(),
  priority: z.number(),
  address: z.string(),
  ip: z.string().optional(),
  protocol: z.enum(['udp', 'tcp']),
  port: z.number(),
  type: z.string(),
  tcpType: z.string().optional(),
});

/** What the server answers to createTransport; handed as is to mediasoup-client. */
export interface TransportOptions {
  id: string;
  iceParameters: { usernameFragment: string; password: string; iceLite?: boolean };
  iceCandidates: z.infer<typeof IceCandidate>[];
  dtlsParameters: DtlsParameters;
}

export const SpatialLayer = z.number().int().min(0).max(2);
export const TemporalLayer = z.number().int().min(0).max(2);

export const ids = { Id };
