import dgram from 'node:dgram';
import { randomInt } from 'node:crypto';
import {
  CAMERA_LAYERS,
  OPUS,
  FRAME_RATE,
  framePacketSizes,
  temporalLayer,
  type AudioMode,
} from '../lib/media-model.js';
import {
  isRtcp,
  keyFrameRequests,
  rtpHeaderLength,
  senderReport,
  textValue,
  u16Value,
  VP8_DESCRIPTOR_LENGTH,
  vp8FrameTag,
  writeRtpHeader,
  writeVp8Descriptor,
  type HeaderExtension,
} from '../lib/rtp.js';

/** Header extension ids the generated producers declare (Chrome's numbering style). */
export const EXT = { mid: 1, rid: 2, audioLevel: 10, transportCc: 5 } as const;
export const PT = { opus: 111, vp8: 96 } as const;

const TICK_MS = 5;
/** Further behind than this, the generator skips ahead instead of catching up. */
const MAX_LAG_MS = 250;
const SR_INTERVAL_MS = 1000;

interface Target {
  port: number;
  socket: dgram.Socket;
  /** Transport-wide sequence number, per send transport as a browser keeps it. */
  tcc: { seq: number };
}

interface Rtp {
  ssrc: number;
  seq: number;
  baseTs: number;
  packets: number;
  octets: number;
}

interface AudioStream {
  kind: 'audio';
  target: Target;
  mid: Uint8Array;
  rtp: Rtp;
  mode: (ms: number) => AudioMode;
  nextAt: number;
}

interface VideoStream {
  kind: 'video';
  target: Target;
  mid: Uint8Array;
  layers: { rid: Uint8Array; bitrate: number; rtp: Rtp; pictureId: number; tl0: number }[];
  frame: number;
  keyFrameWanted: boolean;
  nextAt: number;
}

type Stream = AudioStream | VideoStream;

const newRtp = (): Rtp => ({
  ssrc: randomInt(1, 0xffff_ffff),
  seq: randomInt(0, 0xffff),
  baseTs: randomInt(0, 0xffff_ffff),
  packets: 0,
  octets: 0,
});

/**
 * Sends the RTP (and sender reports) of many simulated browsers to mediasoup
 * PlainTransports in comedia mode, from a few local sockets. Answers PLI and FIR with a
 * key frame on the next frame, as a browser's encoder does.
 */
export class Generator {
  /** One socket per target port. */
  readonly #sockets = new Map<number, dgram.Socket>();
  readonly #streams: Stream[] = [];
  readonly #bySsrc = new Map<number, VideoStream>();
  readonly #t0 = performance.now();
  #timer: NodeJS.Timeout | undefined;
  #lastSr = 0;
  sent = 0;
  /** Time the generator skipped because it fell behind (the harness is saturated). */
  skippedMs = 0;
  keyFrames = 0;

  static create(): Generator {
    return new Generator();
  }

  /**
   * A browser's send transport reached at `port`: a socket of its own, connected to the
   * port, as a browser's is, so that sending takes no address lookup.
   */
  async target(port: number): Promise<Target> {
    const socket = dgram.createSocket({ type: 'udp4', sendBufferSize: 1 << 20 });
    socket.on('message', (msg) => this.#onRtcp(msg));
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.connect(port, '127.0.0.1', resolve));
    this.#sockets.set(port, socket);
    return { port, socket, tcc: { seq: 0 } };
  }

  /** A microphone; returns its SSRC. `mode` says at each instant whether it speaks. */
  addAudio(target: Target, mid: string, mode: (ms: number) => AudioMode): number {
    const stream: AudioStream = {
      kind: 'audio',
      target,
      mid: textValue(mid),
      rtp: newRtp(),
      mode,
      nextAt: this.#now() + Math.random() * OPUS.packetMs,
    };
    this.#streams.push(stream);
    return stream.rtp.ssrc;
  }

  /**
   * A simulcast camera with the client's three layers, of which the `sending` smallest are
   * encoded (a sender told that nobody receives the larger ones stops them); returns the
   * SSRCs of the layers sent, smallest first.
   */
  addVideo(target: Target, mid: string, sending = CAMERA_LAYERS.length): number[] {
    const stream: VideoStream = {
      kind: 'video',
      target,
      mid: textValue(mid),
      layers: CAMERA_LAYERS.slice(0, sending).map((l) => ({
        rid: textValue(l.rid),
        bitrate: l.bitrate,
        rtp: newRtp(),
        pictureId: randomInt(0, 0x7fff),
        tl0: randomInt(0, 0xff),
      })),
      frame: 0,
      keyFrameWanted: true,
      nextAt: this.#now() + Math.random() * (1000 / FRAME_RATE),
    };
    this.#streams.push(stream);
    for (const layer of stream.layers) this.#bySsrc.set(layer.rtp.ssrc, stream);
    return stream.layers.map((l) => l.rtp.ssrc);
  }

  /** Forgets streams sending to `port` (their transport closed). */
  removeTarget(port: number): void {
    this.#sockets.get(port)?.close();
    this.#sockets.delete(port);
    for (let i = this.#streams.length - 1; i >= 0; i--) {
      const stream = this.#streams[i]!;
      if (stream.target.port !== port) continue;
      this.#streams.splice(i, 1);
      if (stream.kind === 'video') for (const l of stream.layers) this.#bySsrc.delete(l.rtp.ssrc);
    }
  }

  /** Starts (or restarts) sending; after a stop, every stream picks up from now. */
  start(): void {
    if (this.#timer) return;
    const now = this.#now();
    for (const stream of this.#streams) stream.nextAt = Math.max(stream.nextAt, now);
    this.#timer = setInterval(() => this.#tick(), TICK_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async close(): Promise<void> {
    this.stop();
    await Promise.all(
      [...this.#sockets.values()].map(
        (s) => new Promise<void>((resolve) => s.close(() => resolve())),
      ),
    );
    this.#sockets.clear();
  }

  #now(): number {
    return performance.now() - this.#t0;
  }

  #tick(): void {
    const now = this.#now();
    for (const stream of this.#streams) {
      if (now - stream.nextAt > MAX_LAG_MS) {
        this.skippedMs += now - stream.nextAt;
        stream.nextAt = now;
      }
      while (stream.nextAt <= now) {
        if (stream.kind === 'audio') this.#sendAudio(stream);
        else this.#sendFrame(stream);
      }
    }
    if (now - this.#lastSr >= SR_INTERVAL_MS) {
      this.#lastSr = now;
      this.#sendReports(now);
    }
  }

  #sendAudio(s: AudioStream): void {
    const at = s.nextAt;
    const mode = s.mode(at);
    const size = mode === 'speech' ? OPUS.speechBytes : OPUS.dtxBytes;
    const extensions: HeaderExtension[] = [
      { id: EXT.mid, value: s.mid },
      { id: EXT.audioLevel, value: Uint8Array.of(mode === 'speech' ? 0x80 | 30 : 127) },
      { id: EXT.transportCc, value: u16Value(s.target.tcc.seq++) },
    ];
    const timestamp = s.rtp.baseTs + Math.round(at * 48);
    const out = Buffer.alloc(rtpHeaderLength(extensions) + size);
    const offset = writeRtpHeader(out, {
      payloadType: PT.opus,
      sequenceNumber: s.rtp.seq++,
      timestamp,
      ssrc: s.rtp.ssrc,
      marker: false,
      extensions,
    });
    out[offset] = 0x78; // TOC: SILK/CELT hybrid config, code 0; a lone TOC byte is DTX
    this.#send(s.target, s.rtp, out, size);
    s.nextAt += mode === 'speech' ? OPUS.packetMs : OPUS.dtxMs;
  }

  #sendFrame(s: VideoStream): void {
    const at = s.nextAt;
    const keyFrame = s.keyFrameWanted;
    if (keyFrame) this.keyFrames++;
    s.keyFrameWanted = false;
    const { layer: tid, sync } = keyFrame ? { layer: 0, sync: false } : temporalLayer(s.frame);
    for (const layer of s.layers) {
      if (tid === 0) layer.tl0 = (layer.tl0 + 1) & 0xff;
      layer.pictureId = (layer.pictureId + 1) & 0x7fff;
      const timestamp = layer.rtp.baseTs + Math.round(at * 90);
      const sizes = framePacketSizes(layer.bitrate, keyFrame);
      sizes.forEach((size, i) => {
        const extensions: HeaderExtension[] = [
          { id: EXT.mid, value: s.mid },
          { id: EXT.rid, value: layer.rid },
          { id: EXT.transportCc, value: u16Value(s.target.tcc.seq++) },
        ];
        const out = Buffer.alloc(rtpHeaderLength(extensions) + VP8_DESCRIPTOR_LENGTH + size);
        let offset = writeRtpHeader(out, {
          payloadType: PT.vp8,
          sequenceNumber: layer.rtp.seq++,
          timestamp,
          ssrc: layer.rtp.ssrc,
          marker: i === sizes.length - 1,
          extensions,
        });
        offset = writeVp8Descriptor(out, offset, {
          start: i === 0,
          pictureId: layer.pictureId,
          tl0PicIdx: layer.tl0,
          temporalLayer: tid,
          layerSync: sync,
        });
        out[offset] = vp8FrameTag(keyFrame);
        this.#send(s.target, layer.rtp, out, VP8_DESCRIPTOR_LENGTH + size);
      });
    }
    s.frame = keyFrame ? 1 : s.frame + 1;
    s.nextAt += 1000 / FRAME_RATE;
  }

  #send(target: Target, rtp: Rtp, packet: Buffer, payloadBytes: number): void {
    rtp.packets++;
    rtp.octets += payloadBytes;
    this.sent++;
    target.socket.send(packet);
  }

  #sendReports(now: number): void {
    const wallMs = performance.timeOrigin + this.#t0 + now;
    const report = (target: Target, rtp: Rtp, clockKhz: number): void => {
      const packet = senderReport({
        ssrc: rtp.ssrc,
        wallMs,
        rtpTimestamp: rtp.baseTs + Math.round(now * clockKhz),
        packetCount: rtp.packets,
        octetCount: rtp.octets,
      });
      target.socket.send(packet);
    };
    for (const s of this.#streams) {
      if (s.kind === 'audio') report(s.target, s.rtp, 48);
      else for (const layer of s.layers) report(s.target, layer.rtp, 90);
    }
  }

  #onRtcp(msg: Buffer): void {
    if (!isRtcp(msg)) return;
    for (const ssrc of keyFrameRequests(msg)) {
      const stream = this.#bySsrc.get(ssrc);
      if (stream) stream.keyFrameWanted = true;
    }
  }
}
