import { describe, expect, it } from 'vitest';
import {
  isRtcp,
  keyFrameRequests,
  parseRtp,
  parseVp8,
  pli,
  rtpHeaderLength,
  rtpPacket,
  senderReport,
  textValue,
  u16Value,
  VP8_DESCRIPTOR_LENGTH,
  vp8FrameTag,
  writeRtpHeader,
  writeVp8Descriptor,
} from '../bench/lib/rtp.js';
import {
  CAMERA_LAYERS,
  framePacketSizes,
  GROUP_OF_8,
  IOP_GROUP,
  layerPacketRate,
  roomPacketRates,
  sentLayers,
  speakerAt,
  temporalLayer,
} from '../bench/lib/media-model.js';

describe('the benchmark RTP builder', () => {
  it('writes an RTP header with one-byte extensions that parses back', () => {
    const extensions = [
      { id: 1, value: textValue('1') },
      { id: 2, value: textValue('r2') },
      { id: 5, value: u16Value(0xbeef) },
    ];
    const packet = rtpPacket(
      {
        payloadType: 96,
        sequenceNumber: 0x1_0005,
        timestamp: 2 ** 32 + 7,
        ssrc: 0xdeadbeef,
        marker: true,
        extensions,
      },
      Uint8Array.of(9, 8, 7),
    );
    // 12 fixed + 4 extension header + 8 bytes of elements (a multiple of 4) + 3 payload
    expect(packet.length).toBe(12 + 4 + 8 + 3);
    expect(rtpHeaderLength(extensions)).toBe(24);
    expect(rtpHeaderLength([{ id: 1, value: textValue('1') }])).toBe(20); // 2 bytes padded to 4
    expect(packet[0]).toBe(0x90); // version 2, extension bit
    expect(packet.readUInt16BE(12)).toBe(0xbede);
    const parsed = parseRtp(packet);
    expect(parsed).toMatchObject({
      payloadType: 96,
      marker: true,
      sequenceNumber: 5,
      timestamp: 7,
      ssrc: 0xdeadbeef,
      payloadOffset: 24,
    });
    expect(parsed?.extensions.map((e) => [e.id, [...e.value]])).toEqual([
      [1, [0x31]],
      [2, [0x72, 0x32]],
      [5, [0xbe, 0xef]],
    ]);
    expect([...packet.subarray(parsed!.payloadOffset)]).toEqual([9, 8, 7]);
  });

  it('writes a plain 12-byte header without extensions and refuses bad extension ids', () => {
    const packet = rtpPacket(
      { payloadType: 111, sequenceNumber: 1, timestamp: 2, ssrc: 3 },
      Uint8Array.of(0x78),
    );
    expect(packet.length).toBe(13);
    expect(packet[0]).toBe(0x80);
    expect(parseRtp(packet)?.payloadOffset).toBe(12);
    expect(() =>
      writeRtpHeader(Buffer.alloc(40), {
        payloadType: 1,
        sequenceNumber: 1,
        timestamp: 1,
        ssrc: 1,
        extensions: [{ id: 15, value: Uint8Array.of(1) }],
      }),
    ).toThrow(RangeError);
  });

  it('writes a VP8 descriptor with picture id, TL0PICIDX and TID, and the key-frame bit', () => {
    const out = Buffer.alloc(VP8_DESCRIPTOR_LENGTH + 1);
    const end = writeVp8Descriptor(out, 0, {
      start: true,
      pictureId: 0x1234,
      tl0PicIdx: 200,
      temporalLayer: 2,
      layerSync: true,
    });
    out[end] = vp8FrameTag(true);
    expect([...out.subarray(0, 6)]).toEqual([0x90, 0xe0, 0x92, 0x34, 200, 0xa0]);
    expect(parseVp8(out)).toEqual({
      start: true,
      pictureId: 0x1234,
      tl0PicIdx: 200,
      temporalLayer: 2,
      layerSync: true,
      keyFrame: true,
    });
    out[end] = vp8FrameTag(false);
    expect(parseVp8(out)?.keyFrame).toBe(false);
    writeVp8Descriptor(out, 0, {
      start: false,
      pictureId: 1,
      tl0PicIdx: 1,
      temporalLayer: 0,
      layerSync: false,
    });
    out[end] = vp8FrameTag(true);
    expect(parseVp8(out)?.keyFrame).toBe(false); // only a frame's first packet marks a key frame
  });

  it('finds PLI and FIR requests in an RTCP compound packet and tells RTCP from RTP', () => {
    const fir = Buffer.alloc(20);
    fir[0] = 0x84;
    fir[1] = 206;
    fir.writeUInt16BE(4, 2);
    fir.writeUInt32BE(0x1111, 4);
    fir.writeUInt32BE(0x2222, 12); // FCI: media SSRC, then seq nr
    const report = senderReport({
      ssrc: 7,
      wallMs: Date.UTC(2030, 0, 1),
      rtpTimestamp: 1,
      packetCount: 2,
      octetCount: 3,
    });
    const compound = Buffer.concat([report, pli(1, 0xabcd), fir]);
    expect(isRtcp(compound)).toBe(true);
    expect(keyFrameRequests(compound)).toEqual([0xabcd, 0x2222]);
    expect(report.readUInt32BE(8)).toBe(Date.UTC(2030, 0, 1) / 1000 + 2_208_988_800);
    expect(
      isRtcp(
        rtpPacket(
          { payloadType: 101, sequenceNumber: 1, timestamp: 1, ssrc: 1, marker: true },
          Uint8Array.of(1),
        ),
      ),
    ).toBe(false);
    expect(parseRtp(report)).toBeNull();
  });
});

describe('the benchmark media model', () => {
  it('splits each layer’s frames into packets at the client’s bitrates', () => {
    // 900 kbps at 24 fps: 4,688 bytes a frame in five packets.
    expect(framePacketSizes(900_000, false)).toEqual([937, 937, 937, 937, 940]);
    expect(framePacketSizes(100_000, false)).toEqual([521]);
    expect(framePacketSizes(100_000, true).length).toBe(2);
    expect(CAMERA_LAYERS.map((l) => layerPacketRate(l))).toEqual([24, 48, 120]);
  });

  it('cycles L1T3 temporal layers with sync flags on frames that depend on the base layer only', () => {
    expect([0, 1, 2, 3, 4].map((i) => temporalLayer(i))).toEqual([
      { layer: 0, sync: false },
      { layer: 2, sync: true },
      { layer: 1, sync: true },
      { layer: 2, sync: false },
      { layer: 0, sync: false },
    ]);
  });

  it('gives one speaker at a time and the packet rates of a room', () => {
    expect([0, 2999, 3000, 33_000].map((ms) => speakerAt(ms, 11, 3000))).toEqual([0, 0, 1, 0]);
    // Eight senders: 8 x (50 audio + 192 video) in; each sender reaches 7 viewers at 50 + 120.
    expect(roomPacketRates(GROUP_OF_8, { spatialLayer: undefined, audio: 'all' })).toEqual({
      in: 8 * 242,
      out: 7 * 8 * 170,
    });
    const haven = roomPacketRates(IOP_GROUP, { spatialLayer: 1, audio: 'one-speaker' });
    expect(haven.out).toBe(10 * (50 + 10 * 2.5 + 11 * 48));
    // Cameras that send only layers 0 and 1 (24 + 48 of the 192 packets per second).
    const trimmed = { spatialLayer: 1, audio: 'one-speaker', trimUpstream: true } as const;
    expect(sentLayers(trimmed)).toBe(2);
    expect(roomPacketRates(IOP_GROUP, trimmed)).toEqual({
      in: 50 + 10 * 2.5 + 11 * (24 + 48),
      out: haven.out,
    });
    expect(sentLayers({ spatialLayer: undefined, audio: 'all', trimUpstream: true })).toBe(3);
  });
});
