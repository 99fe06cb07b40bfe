import type { DeviceSource } from '../../call/types';

type Tracks = Partial<Record<DeviceSource, MediaStreamTrack>>;

/**
 * The tracks the device check opened, held for the one attempt to join that takes them
 * over, so the camera need not open twice. Whatever no call took over is stopped, or the
 * camera's light would stay on with nothing using it.
 */
export class TrackHandOver {
  private attempt = -1;
  private tracks: Tracks = {};

  offer(attempt: number, tracks: Tracks): void {
    this.attempt = attempt;
    this.tracks = tracks;
  }

  /** The tracks for `attempt`; none for any other (a rejoin opens its own). */
  tracksFor(attempt: number): Tracks {
    return attempt === this.attempt ? this.tracks : {};
  }

  /** The call meant to take them over never started (its code did not load). Safe twice. */
  release(): void {
    for (const track of Object.values(this.tracks)) track.stop();
    this.attempt = -1;
    this.tracks = {};
  }
}
