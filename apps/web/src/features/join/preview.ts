import { openDevices, type DeviceKind } from '../../call/constraints';
import { statusFromError, type DeviceStatus } from './deviceCheck';

export type PreviewTracks = Record<DeviceKind, MediaStreamTrack | null>;

export interface ProbeResult {
  mic: DeviceStatus;
  camera: DeviceStatus;
  inUse: Partial<Record<DeviceKind, string>>;
}

type Devices = Pick<MediaDevices, 'getUserMedia'>;

const deviceIdOf = (track: MediaStreamTrack | null): string | undefined =>
  track?.getSettings?.().deviceId || undefined;

/**
 * The device check's own microphone and camera tracks: opened to probe what works, kept
 * for the preview and the level meter, reopened when another device is chosen, closed
 * when the chosen way of joining does not need them. Framework-free; the page reads
 * `getSnapshot()` and `subscribe()`.
 */
export class Preview {
  private tracks: PreviewTracks = { mic: null, camera: null };
  private readonly listeners = new Set<() => void>();
  /** Bumped by every request and by stop(): an answer from an older request is dropped. */
  private generation: Record<DeviceKind, number> = { mic: 0, camera: 0 };

  constructor(private readonly devices: () => Devices | undefined) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  readonly getSnapshot = (): PreviewTracks => this.tracks;

  /** Opens both devices to learn what works; tries each alone when both together fail. */
  async probe(): Promise<ProbeResult> {
    this.stop();
    const tokens = this.bump('mic', 'camera');
    let mic: DeviceStatus = 'failed';
    let camera: DeviceStatus = 'failed';
    try {
      const stream = await this.request({ mic: true, camera: true });
      this.keep(stream, tokens);
      mic = camera = 'ready';
    } catch (error) {
      const status = statusFromError(error);
      // A refusal covers both; asking again one by one would only ask the person twice more.
      if (status === 'denied') {
        mic = camera = status;
      } else {
        mic = await this.probeOne('mic', tokens);
        camera = await this.probeOne('camera', tokens);
      }
    }
    const inUse: ProbeResult['inUse'] = {};
    const micId = deviceIdOf(this.tracks.mic);
    const cameraId = deviceIdOf(this.tracks.camera);
    if (micId) inUse.mic = micId;
    if (cameraId) inUse.camera = cameraId;
    return { mic, camera, inUse };
  }

  /**
   * Opens `kind` on the device `deviceId` (null: the browser's default), replacing the open
   * track, unless that very device is already open. Answers the device's status.
   */
  async open(kind: DeviceKind, deviceId: string | null): Promise<DeviceStatus> {
    const current = this.tracks[kind];
    if (current && current.readyState === 'live' && (!deviceId || deviceIdOf(current) === deviceId))
      return 'ready';
    const tokens = this.bump(kind);
    try {
      const stream = await this.request(
        { mic: kind === 'mic', camera: kind === 'camera' },
        deviceId ? { [kind]: deviceId } : {},
      );
      this.keep(stream, tokens);
      return 'ready';
    } catch (error) {
      return statusFromError(error);
    }
  }

  /** Stops one device (its light goes out) without forgetting that it works. */
  close(kind: DeviceKind): void {
    this.bump(kind);
    this.tracks[kind]?.stop();
    this.set({ ...this.tracks, [kind]: null });
  }

  /** Hands the open tracks over (to the call); this preview forgets them without stopping them. */
  take(): Partial<Record<DeviceKind, MediaStreamTrack>> {
    this.bump('mic', 'camera');
    const taken: Partial<Record<DeviceKind, MediaStreamTrack>> = {};
    if (this.tracks.mic) taken.mic = this.tracks.mic;
    if (this.tracks.camera) taken.camera = this.tracks.camera;
    this.set({ mic: null, camera: null });
    return taken;
  }

  stop(): void {
    this.close('mic');
    this.close('camera');
  }

  private async probeOne(kind: DeviceKind, tokens: Record<DeviceKind, number>) {
    try {
      this.keep(await this.request({ mic: kind === 'mic', camera: kind === 'camera' }), tokens);
      return 'ready';
    } catch (error) {
      return statusFromError(error);
    }
  }

  private request(
    wants: Record<DeviceKind, boolean>,
    choice: Partial<Record<DeviceKind, string>> = {},
  ): Promise<MediaStream> {
    const devices = this.devices();
    if (!devices) return Promise.reject(new DOMException('no media devices', 'NotFoundError'));
    return openDevices(devices, wants, choice);
  }

  /** Adopts the tracks of a stream, unless a newer request or stop() came since. */
  private keep(stream: MediaStream, tokens: Partial<Record<DeviceKind, number>>): void {
    const next = { ...this.tracks };
    for (const track of stream.getTracks()) {
      const kind: DeviceKind = track.kind === 'audio' ? 'mic' : 'camera';
      if (tokens[kind] !== this.generation[kind]) {
        track.stop();
        continue;
      }
      if (next[kind] && next[kind] !== track) next[kind]?.stop();
      next[kind] = track;
    }
    this.set(next);
  }

  private bump(...kinds: DeviceKind[]): Record<DeviceKind, number> {
    for (const kind of kinds) this.generation[kind] += 1;
    return { ...this.generation };
  }

  private set(tracks: PreviewTracks): void {
    if (tracks.mic === this.tracks.mic && tracks.camera === this.tracks.camera) return;
    this.tracks = tracks;
    for (const listener of [...this.listeners]) listener();
  }
}
