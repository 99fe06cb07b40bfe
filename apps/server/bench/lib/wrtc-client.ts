import wrtc from '@roamhq/wrtc';
import { PROTOCOL_VERSION } from '@haven/protocol';
import { io, type Socket } from 'socket.io-client';

/**
 * mediasoup-client in Node: its Chrome111 handler drives a standard RTCPeerConnection,
 * which @roamhq/wrtc (libwebrtc) provides; the handler looks for the WebRTC classes
 * as globals, as in a browser, so they are installed once before a Device is made.
 */
export function installWebRtcGlobals(): void {
  const g = globalThis as Record<string, unknown>;
  for (const name of [
    'RTCPeerConnection',
    'RTCSessionDescription',
    'RTCIceCandidate',
    'MediaStream',
    'MediaStreamTrack',
    'RTCRtpSender',
    'RTCRtpReceiver',
    'RTCRtpTransceiver',
    'RTCDataChannel',
  ] as const) {
    g[name] ??= (wrtc as unknown as Record<string, unknown>)[name];
  }
}

type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** A socket.io connection speaking Haven's request/acknowledge protocol. */
export class Signal {
  /** Time with at least one request waiting for its acknowledgement (ms). */
  waitedMs = 0;
  /** The router's capabilities, as the server sends them on entering the room. */
  routerRtpCapabilities: unknown;
  #outstanding = 0;
  #waitingSince = 0;

  private constructor(readonly socket: Socket) {
    socket.on('you:status', (status: { routerRtpCapabilities?: unknown }) => {
      if (status.routerRtpCapabilities) this.routerRtpCapabilities = status.routerRtpCapabilities;
    });
  }

  static connect(url: string, token: string): Promise<Signal> {
    const socket = io(url, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new Signal(socket)));
      socket.once('connect_error', (err) => {
        socket.close();
        reject(err);
      });
    });
  }

  request<T = Record<string, unknown>>(name: string, payload: unknown = {}): Promise<T> {
    if (this.#outstanding++ === 0) this.#waitingSince = performance.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${name}`)), 20_000);
      this.socket.emit(name, payload, (ack: Ack<T>) => {
        clearTimeout(timer);
        if (--this.#outstanding === 0) this.waitedMs += performance.now() - this.#waitingSince;
        if (ack.ok) resolve(ack.data);
        else reject(new Error(`${name}: ${ack.error.code} ${ack.error.message}`));
      });
    });
  }

  join(sessionId: string): Promise<unknown> {
    return this.request('room:join', { protocolVersion: PROTOCOL_VERSION, sessionId });
  }

  close(): void {
    this.socket.close();
  }
}

export interface Track {
  readonly kind: string;
  stop(): void;
}

/** A synthetic camera and microphone: wrtc's non-standard sources fed from timers. */
export class SyntheticMedia {
  /** wrtc's MediaStreamTrack (typed loosely: the bench compiles without the DOM types). */
  readonly video: Track;
  readonly audio: Track;
  readonly #timers: NodeJS.Timeout[] = [];

  constructor(width = 320, height = 240, fps = 15) {
    const { RTCVideoSource, RTCAudioSource } = wrtc.nonstandard;
    const videoSource = new RTCVideoSource();
    const audioSource = new RTCAudioSource();
    this.video = videoSource.createTrack() as Track;
    this.audio = audioSource.createTrack() as Track;
    const frame = new Uint8Array(width * height * 1.5);
    let n = 0;
    this.#timers.push(
      setInterval(() => {
        frame.fill(n++ % 255, 0, width * height); // a changing luma plane
        videoSource.onFrame({ width, height, data: frame });
      }, 1000 / fps),
    );
    const samples = new Int16Array(480);
    this.#timers.push(
      setInterval(() => {
        for (let i = 0; i < samples.length; i++)
          samples[i] = Math.round(Math.sin((n * 480 + i) / 10) * 3000);
        audioSource.onData({
          samples,
          sampleRate: 48000,
          bitsPerSample: 16,
          channelCount: 1,
          numberOfFrames: 480,
        });
      }, 10),
    );
  }

  stop(): void {
    for (const t of this.#timers) clearInterval(t);
    this.video.stop();
    this.audio.stop();
  }
}
