import { openDevices, type DeviceChoice } from './constraints';
import { CallError, toCallError } from './errors';
import type { DeviceSource, LocalLocks, LocalMediaState, LocalSource } from './types';

/** The part of `navigator.mediaDevices` the call needs; injectable for tests. */
export interface MediaDevicesLike {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  getDisplayMedia?(constraints: DisplayMediaStreamOptions): Promise<MediaStream>;
  enumerateDevices?(): Promise<MediaDeviceInfo[]>;
}

export type { DeviceChoice };

/** Slides and documents: sharp text matters more than motion. */
const SCREEN: DisplayMediaStreamOptions = {
  video: { frameRate: { ideal: 15, max: 30 } },
  audio: false,
};

export interface LocalMediaOptions {
  wants: Record<DeviceSource, boolean>;
  devices?: DeviceChoice;
  tracks?: Partial<Record<DeviceSource, MediaStreamTrack>>;
  /** Called when a track ends on its own (device unplugged, permission revoked, sharing stopped). */
  onLost: (source: LocalSource) => void;
  /** Called when the system takes the camera away for a while, or gives it back. */
  onMuted?: () => void;
}

/**
 * This person's microphone, camera and shared screen: which tracks are open and which
 * are switched on. Tracks outlive transports, so a reconnect or a trip to the waiting
 * room does not ask for permission again. The camera's track is stopped when switched
 * off, so its light goes out.
 */
export class LocalMedia {
  private readonly tracks: Record<LocalSource, MediaStreamTrack | null> = {
    mic: null,
    camera: null,
    screen: null,
  };
  private readonly enabled: Record<LocalSource, boolean>;
  /** Removes the listeners of each source's current track. */
  private readonly listening: Partial<Record<LocalSource, AbortController>> = {};
  private readonly devices: DeviceChoice;
  private handed: Partial<Record<DeviceSource, MediaStreamTrack>>;
  /** Set once the call is over: no device may be opened or kept after it. */
  private released = false;
  private audioOnly = false;
  /** Whether the camera was on when audio only began. */
  private cameraBefore = false;

  constructor(
    private readonly mediaDevices: () => MediaDevicesLike | undefined,
    private readonly options: LocalMediaOptions,
  ) {
    this.enabled = { ...options.wants, screen: false };
    this.devices = { ...options.devices };
    this.handed = { ...options.tracks };
  }

  track(source: LocalSource): MediaStreamTrack | null {
    return this.tracks[source];
  }

  isEnabled(source: LocalSource): boolean {
    return this.enabled[source] && this.tracks[source] !== null;
  }

  /**
   * Whether this source's media should flow: switched on, and not muted by the system. A
   * phone mutes the camera while the page is in the background, another app uses it, or a
   * call interrupts it; nobody sees the person then, so the minutes must not count as video.
   */
  sends(source: LocalSource): boolean {
    return this.isEnabled(source) && !(source === 'camera' && this.tracks.camera?.muted);
  }

  /** Whether the producer of this source is closed, rather than paused, while it is off. */
  closesWhenOff(source: LocalSource): boolean {
    return source === 'screen' || (source === 'camera' && this.audioOnly);
  }

  state(): Omit<LocalMediaState, keyof LocalLocks> {
    return {
      mic: this.tracks.mic,
      camera: this.tracks.camera,
      screen: this.tracks.screen,
      micEnabled: this.isEnabled('mic'),
      cameraEnabled: this.isEnabled('camera'),
      cameraMuted: !!this.tracks.camera?.muted,
      audioOnly: this.audioOnly,
    };
  }

  /**
   * Opens the devices the join asked for, taking over tracks handed in when still live.
   * If both were asked and that fails, tries the microphone alone. Answers the first
   * problem met (the call goes on without that device).
   */
  async open(): Promise<CallError | null> {
    for (const source of ['mic', 'camera'] as const) {
      const track = this.handed[source];
      if (track && track.readyState === 'live' && this.enabled[source]) this.adopt(source, track);
      else track?.stop();
    }
    this.handed = {};
    const mic = this.enabled.mic && !this.tracks.mic;
    const camera = this.enabled.camera && !this.tracks.camera;
    if (!mic && !camera) return null;
    try {
      await this.acquire(mic, camera);
      return null;
    } catch (first) {
      this.enabled.camera = this.enabled.camera && this.tracks.camera !== null;
      if (mic && camera) {
        try {
          await this.acquire(true, false);
          return toCallError(first);
        } catch {
          // Neither works: fall through to listening only.
        }
      }
      if (mic) this.enabled.mic = false;
      return toCallError(first);
    }
  }

  /** Switches a source on (opening the device or asking for a screen if needed) or off. */
  async setEnabled(source: LocalSource, on: boolean): Promise<void> {
    if (source === 'screen') {
      await this.setScreen(on);
      return;
    }
    if (on && source === 'camera') this.audioOnly = false;
    if (on && !this.tracks[source]) await this.acquire(source === 'mic', source === 'camera');
    this.enabled[source] = on;
    const track = this.tracks[source];
    if (!track) return;
    if (source === 'camera' && !on) this.stop('camera');
    else track.enabled = on;
  }

  /**
   * Audio only: the camera goes off and its producer closes. Leaving it puts the camera
   * back as it was (on only if it was on before).
   */
  async setAudioOnly(on: boolean): Promise<void> {
    if (on === this.audioOnly) return;
    if (on) {
      this.cameraBefore = this.isEnabled('camera');
      this.audioOnly = true;
      await this.setEnabled('camera', false);
      return;
    }
    this.audioOnly = false;
    if (this.cameraBefore) await this.setEnabled('camera', true);
  }

  /** Uses another microphone or camera; an open track is replaced at once. */
  async setDevice(source: DeviceSource, deviceId: string): Promise<void> {
    const before = this.devices[source];
    this.devices[source] = deviceId;
    try {
      if (this.tracks[source]) await this.acquire(source === 'mic', source === 'camera');
    } catch (error) {
      // Busy or refused: the device in use stays the choice, for the next time it opens.
      if (before === undefined) delete this.devices[source];
      else this.devices[source] = before;
      throw error;
    }
  }

  /** Stops every track for good: a device the browser opens afterwards is closed at once. */
  stopAll(): void {
    this.released = true;
    for (const track of Object.values(this.handed)) track?.stop();
    this.handed = {};
    this.stop('mic');
    this.stop('camera');
    this.stop('screen');
  }

  private async setScreen(on: boolean): Promise<void> {
    this.enabled.screen = on;
    if (!on) {
      this.stop('screen');
      return;
    }
    if (this.tracks.screen) return;
    const devices = this.mediaDevices();
    if (!devices?.getDisplayMedia) {
      this.enabled.screen = false;
      throw new CallError('UNSUPPORTED_BROWSER', 'this browser cannot share a screen');
    }
    try {
      const stream = await devices.getDisplayMedia(SCREEN);
      const [track] = stream.getVideoTracks();
      if (!track) throw new CallError('DEVICE_UNAVAILABLE', 'no screen was chosen');
      if ('contentHint' in track) track.contentHint = 'detail';
      this.adopt('screen', track);
    } catch (error) {
      this.enabled.screen = false;
      throw toCallError(error);
    }
  }

  private stop(source: LocalSource): void {
    this.listening[source]?.abort();
    this.tracks[source]?.stop();
    this.tracks[source] = null;
  }

  private async acquire(audio: boolean, video: boolean): Promise<void> {
    const devices = this.mediaDevices();
    if (!devices) {
      throw new CallError('DEVICE_UNAVAILABLE', 'this page cannot reach the camera or microphone');
    }
    const stream = await openDevices(devices, { mic: audio, camera: video }, this.devices);
    for (const track of stream.getTracks()) {
      this.adopt(track.kind === 'audio' ? 'mic' : 'camera', track);
    }
  }

  private adopt(source: LocalSource, track: MediaStreamTrack): void {
    // The call ended while the browser was still opening this device (its permission
    // prompt open, say): nothing may keep the camera or microphone on after it.
    if (this.released) {
      track.stop();
      return;
    }
    // Only the current track is listened to: a replaced or stopped one keeps no listener.
    if (this.tracks[source] !== track) this.stop(source);
    else this.listening[source]?.abort();
    const { signal } = (this.listening[source] = new AbortController());
    this.tracks[source] = track;
    track.enabled = this.enabled[source];
    track.addEventListener(
      'ended',
      () => {
        this.stop(source);
        this.enabled[source] = false;
        this.options.onLost(source);
      },
      { signal },
    );
    if (source !== 'camera') return;
    const muted = () => this.options.onMuted?.();
    track.addEventListener('mute', muted, { signal });
    track.addEventListener('unmute', muted, { signal });
  }
}
