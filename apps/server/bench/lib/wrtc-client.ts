import wrtc from '@roamhq/wrtc';

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
