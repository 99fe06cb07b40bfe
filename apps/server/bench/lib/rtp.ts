/**
 * RTP and RTCP packets as a WebRTC sender puts them on the wire (RFC 3550, RFC 8285
 * one-byte header extensions, RFC 7741 VP8 payload descriptor), built into Buffers.
 * Pure: no sockets, no clocks.
 */

/** One RFC 8285 one-byte header extension element: id 1-14, 1-16 bytes of value. */
export interface HeaderExtension {
  id: number;
  value: Uint8Array;
}

export interface RtpHeader {
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  marker?: boolean;
  extensions?: readonly HeaderExtension[];
}

const RTP_VERSION = 2;
const ONE_BYTE_PROFILE = 0xbede;

/** Bytes the header (with its extension block) takes. */
export function rtpHeaderLength(extensions: readonly HeaderExtension[] = []): number {
  if (extensions.length === 0) return 12;
  const body = extensions.reduce((n, e) => n + 1 + e.value.length, 0);
  return 12 + 4 + Math.ceil(body / 4) * 4;
}

/**
 * Writes an RTP header into `out` at 0 and returns the payload offset. `out` must be at
 * least `rtpHeaderLength(extensions)` long.
 */
export function writeRtpHeader(out: Buffer, header: RtpHeader): number {
  const extensions = header.extensions ?? [];
  out[0] = (RTP_VERSION << 6) | (extensions.length > 0 ? 0x10 : 0);
  out[1] = (header.marker ? 0x80 : 0) | (header.payloadType & 0x7f);
  out.writeUInt16BE(header.sequenceNumber & 0xffff, 2);
  out.writeUInt32BE(header.timestamp >>> 0, 4);
  out.writeUInt32BE(header.ssrc >>> 0, 8);
  if (extensions.length === 0) return 12;
  const start = 16;
  let offset = start;
  for (const { id, value } of extensions) {
    if (id < 1 || id > 14) throw new RangeError(`one-byte extension id ${id} is not 1-14`);
    if (value.length < 1 || value.length > 16) {
      throw new RangeError(`one-byte extension value of ${value.length} bytes is not 1-16`);
    }
    out[offset++] = (id << 4) | (value.length - 1);
    out.set(value, offset);
    offset += value.length;
  }
  const words = Math.ceil((offset - start) / 4);
  out.fill(0, offset, start + words * 4);
  out.writeUInt16BE(ONE_BYTE_PROFILE, 12);
  out.writeUInt16BE(words, 14);
  return start + words * 4;
}

/** A whole RTP packet: header, then `payload`. */
export function rtpPacket(header: RtpHeader, payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(rtpHeaderLength(header.extensions) + payload.length);
  const offset = writeRtpHeader(out, header);
  out.set(payload, offset);
  return out;
}

/** RTCP packet types 192-223 share the port with RTP under rtcp-mux (RFC 5761). */
export function isRtcp(packet: Uint8Array): boolean {
  const type = packet[1] ?? 0;
  return packet.length >= 4 && type >= 192 && type <= 223;
}

export interface ParsedRtp {
  payloadType: number;
  marker: boolean;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  /** Offset of the payload (after CSRCs and extensions); padding is not removed. */
  payloadOffset: number;
  extensions: HeaderExtension[];
}

/** Parses an RTP header; null for anything that is not RTP version 2. */
export function parseRtp(packet: Buffer): ParsedRtp | null {
  if (packet.length < 12 || packet[0]! >> 6 !== RTP_VERSION || isRtcp(packet)) return null;
  const csrcs = packet[0]! & 0x0f;
  let offset = 12 + 4 * csrcs;
  const extensions: HeaderExtension[] = [];
  if (packet[0]! & 0x10) {
    if (packet.length < offset + 4) return null;
    const profile = packet.readUInt16BE(offset);
    const end = offset + 4 + 4 * packet.readUInt16BE(offset + 2);
    if (end > packet.length) return null;
    if (profile === ONE_BYTE_PROFILE) {
      let i = offset + 4;
      while (i < end) {
        const byte = packet[i]!;
        if (byte === 0) {
          i++;
          continue;
        }
        const id = byte >> 4;
        if (id === 15) break;
        const length = (byte & 0x0f) + 1;
        extensions.push({ id, value: packet.subarray(i + 1, i + 1 + length) });
        i += 1 + length;
      }
    }
    offset = end;
  }
  return {
    payloadType: packet[1]! & 0x7f,
    marker: (packet[1]! & 0x80) !== 0,
    sequenceNumber: packet.readUInt16BE(2),
    timestamp: packet.readUInt32BE(4),
    ssrc: packet.readUInt32BE(8),
    payloadOffset: offset,
    extensions,
  };
}

export interface Vp8Descriptor {
  /** First packet of the frame (S bit, partition 0). */
  start: boolean;
  /** 15-bit picture id, one per frame. */
  pictureId: number;
  /** Index of the last base-layer (TID 0) frame. */
  tl0PicIdx: number;
  /** Temporal layer of the frame, 0-2. */
  temporalLayer: number;
  /** Layer sync: the frame depends only on the base layer. */
  layerSync: boolean;
}

/** Bytes of the VP8 payload descriptor with I, L and T set and a two-byte picture id. */
export const VP8_DESCRIPTOR_LENGTH = 6;

/** The RFC 7741 descriptor with picture id, TL0PICIDX and TID, as Chrome sends for simulcast. */
export function writeVp8Descriptor(out: Buffer, offset: number, d: Vp8Descriptor): number {
  out[offset] = 0x80 | (d.start ? 0x10 : 0); // X, S; partition 0
  out[offset + 1] = 0xe0; // I, L, T
  out.writeUInt16BE(0x8000 | (d.pictureId & 0x7fff), offset + 2); // M + 15-bit id
  out[offset + 4] = d.tl0PicIdx & 0xff;
  out[offset + 5] = ((d.temporalLayer & 0x03) << 6) | (d.layerSync ? 0x20 : 0);
  return offset + VP8_DESCRIPTOR_LENGTH;
}

/**
 * The first byte of the VP8 payload header (RFC 6386 frame tag): bit 0 is P, clear on a
 * key frame; show_frame set.
 */
export const vp8FrameTag = (keyFrame: boolean): number => (keyFrame ? 0x10 : 0x11);

export interface ParsedVp8 extends Vp8Descriptor {
  keyFrame: boolean;
}

/** Reads back what `writeVp8Descriptor` wrote plus the key-frame bit. */
export function parseVp8(payload: Buffer): ParsedVp8 | null {
  if (payload.length < VP8_DESCRIPTOR_LENGTH + 1 || !(payload[0]! & 0x80)) return null;
  const start = (payload[0]! & 0x10) !== 0 && (payload[0]! & 0x07) === 0;
  return {
    start,
    pictureId: payload.readUInt16BE(2) & 0x7fff,
    tl0PicIdx: payload[4]!,
    temporalLayer: payload[5]! >> 6,
    layerSync: (payload[5]! & 0x20) !== 0,
    keyFrame: start && (payload[VP8_DESCRIPTOR_LENGTH]! & 0x01) === 0,
  };
}

/** Seconds between 1900 and 1970, for NTP timestamps. */
const NTP_EPOCH_OFFSET = 2_208_988_800;

/** An RTCP sender report (RFC 3550 6.4.1) with no report blocks. */
export function senderReport(sr: {
  ssrc: number;
  /** Wall clock, ms since 1970. */
  wallMs: number;
  rtpTimestamp: number;
  packetCount: number;
  octetCount: number;
}): Buffer {
  const out = Buffer.alloc(28);
  out[0] = RTP_VERSION << 6;
  out[1] = 200;
  out.writeUInt16BE(6, 2); // length in 32-bit words minus one
  out.writeUInt32BE(sr.ssrc >>> 0, 4);
  const seconds = Math.floor(sr.wallMs / 1000);
  const fraction = Math.floor(((sr.wallMs % 1000) / 1000) * 0x1_0000_0000);
  out.writeUInt32BE((seconds + NTP_EPOCH_OFFSET) >>> 0, 8);
  out.writeUInt32BE(fraction >>> 0, 12);
  out.writeUInt32BE(sr.rtpTimestamp >>> 0, 16);
  out.writeUInt32BE(sr.packetCount >>> 0, 20);
  out.writeUInt32BE(sr.octetCount >>> 0, 24);
  return out;
}

/**
 * SSRCs whose sender is asked for a key frame in an RTCP compound packet: PLI
 * (PSFB FMT 1, RFC 4585) and FIR (PSFB FMT 4, RFC 5104).
 */
export function keyFrameRequests(packet: Buffer): number[] {
  const wanted: number[] = [];
  let offset = 0;
  while (offset + 4 <= packet.length) {
    const fmt = packet[offset]! & 0x1f;
    const type = packet[offset + 1]!;
    const bytes = 4 * (packet.readUInt16BE(offset + 2) + 1);
    if (offset + bytes > packet.length) break;
    if (type === 206 && fmt === 1 && bytes >= 12) wanted.push(packet.readUInt32BE(offset + 8));
    if (type === 206 && fmt === 4) {
      for (let fci = offset + 12; fci + 8 <= offset + bytes; fci += 8) {
        wanted.push(packet.readUInt32BE(fci));
      }
    }
    offset += bytes;
  }
  return wanted;
}

/** A PLI for `mediaSsrc`, as a receiver sends it (for tests and probes). */
export function pli(senderSsrc: number, mediaSsrc: number): Buffer {
  const out = Buffer.alloc(12);
  out[0] = (RTP_VERSION << 6) | 1;
  out[1] = 206;
  out.writeUInt16BE(2, 2);
  out.writeUInt32BE(senderSsrc >>> 0, 4);
  out.writeUInt32BE(mediaSsrc >>> 0, 8);
  return out;
}

const encoder = new TextEncoder();
/** An extension value holding an ASCII token (MID, RID). */
export const textValue = (text: string): Uint8Array => encoder.encode(text);

/** A two-byte big-endian extension value (transport-wide sequence number). */
export function u16Value(value: number): Uint8Array {
  return Uint8Array.of((value >> 8) & 0xff, value & 0xff);
}
