import { CallError, toCallError } from './errors';
import type { LocalMediaState, LocalSource } from './types';

/** The part of `navigator.mediaDevices` the call needs; injectable for tests. */
export interface MediaDevicesLike {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
}

const MIC: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};

const CAMERA: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 24, max: 30 },
};

/**
 * This person's microphone and camera: which tracks are open and which are switched on.
 * Tracks outlive transports, so a reconnect or a trip to the waiting room does not ask
 * for permission again. The camera's track is stopped when switched off, so its light goes out.
 */
export class LocalMedia {
  private readonly tracks: Record<LocalSource, MediaStreamTrack | null> = {
    mic: null,
    camera: null,
  };
  private readonly enabled: Record<LocalSource, boolean>;

  constructor(
    private readonly devices: () => MediaDevicesLike | undefined,
    wants: Record<LocalSource, boolean>,
    /** Called when a device goes away on its own (unplugged, permission revoked). */
    private readonly onLost: (source: LocalSource) => void,
  ) {
    this.enabled = { ...wants };
  }

  track(source: LocalSource): MediaStreamTrack | null {
    return this.tracks[source];
  }

  isEnabled(source: LocalSource): boolean {
    return this.enabled[source] && this.tracks[source] !== null;
  }

  state(): Omit<LocalMediaState, 'micLocked'> {
    return {
      mic: this.tracks.mic,
      camera: this.tracks.camera,
      micEnabled: this.isEnabled('mic'),
      cameraEnabled: this.isEnabled('camera'),
    };
  }

  /**
   * Opens the devices the join asked for. If both were asked and that fails, tries the
   * microphone alone. Answers the first problem met (the call goes on without that device).
   */
  async open(): Promise<CallError | null> {
    const { mic, camera } = this.enabled;
    if (!mic && !camera) return null;
    try {
      await this.acquire(mic, camera);
      return null;
    } catch (first) {
      this.enabled.camera = false;
      if (mic && camera) {
        try {
          await this.acquire(true, false);
          return toCallError(first);
        } catch {
          // Neither works: fall through to listening only.
        }
      }
      this.enabled.mic = false;
      return toCallError(first);
    }
  }

  /** Switches a source on (opening the device if needed) or off. */
  async setEnabled(source: LocalSource, on: boolean): Promise<void> {
    if (on && !this.tracks[source]) await this.acquire(source === 'mic', source === 'camera');
    this.enabled[source] = on;
    const track = this.tracks[source];
    if (!track) return;
    if (source === 'camera' && !on) this.stop('camera');
    else track.enabled = on;
  }

  stopAll(): void {
    this.stop('mic');
    this.stop('camera');
  }

  private stop(source: LocalSource): void {
    this.tracks[source]?.stop();
    this.tracks[source] = null;
  }

  private async acquire(audio: boolean, video: boolean): Promise<void> {
    const devices = this.devices();
    if (!devices) {
      throw new CallError('DEVICE_UNAVAILABLE', 'this page cannot reach the camera or microphone');
    }
    const stream = await devices.getUserMedia({
      audio: audio ? MIC : false,
      video: video ? CAMERA : false,
    });
    for (const track of stream.getTracks()) {
      this.adopt(track.kind === 'audio' ? 'mic' : 'camera', track);
    }
  }

  private adopt(source: LocalSource, track: MediaStreamTrack): void {
    const old = this.tracks[source];
    if (old && old !== track) old.stop();
    this.tracks[source] = track;
    track.enabled = this.enabled[source];
    track.addEventListener('ended', () => {
      if (this.tracks[source] !== track) return;
      this.tracks[source] = null;
      this.enabled[source] = false;
      this.onLost(source);
    });
  }
}
