import { toCallError, type CallError } from './errors';
import type { Requester } from './signaling';

export interface VideoReceiveDeps {
  request: Requester;
  /** False in audio only: cameras are not received (shared screens still are). */
  receiveVideo: () => boolean;
  /** False while the page is hidden (minimised window, background tab). */
  pageVisible: () => boolean;
  report: (error: CallError) => void;
}

interface Video {
  camera: boolean;
  /** What the server was last asked for; a consumer starts paused there. */
  paused: boolean;
  /** The request in flight for this consumer: the next one waits for it. */
  queue: Promise<void>;
}

/**
 * Which received videos the server forwards to this browser. A video flows while someone
 * can see it: its tile is in view, the page is visible and, for a camera, the call is not
 * audio only. Otherwise its consumer is paused on the server, which then sends nothing.
 *
 * This is the viewer's own pause of a consumer. A sender switching their camera off pauses
 * the producer instead, which the server reports on its own (media:consumerPaused): the
 * two never mix, so a tile out of view never shows its sender's camera as off.
 */
export class VideoReceive {
  private readonly videos = new Map<string, Video>();
  /** Consumers whose tile is out of view; kept even before the consumer exists here. */
  private readonly outOfView = new Set<string>();
  private closed = false;

  constructor(private readonly deps: VideoReceiveDeps) {}

  /**
   * A new video consumer, `paused` on the server or not: resumed at once if someone can
   * see it, paused if nobody can.
   */
  add(consumerId: string, source: 'camera' | 'screen', paused = true): Promise<void> {
    this.videos.set(consumerId, {
      camera: source === 'camera',
      paused,
      queue: Promise.resolve(),
    });
    return this.apply(consumerId);
  }

  /** The sources whose new videos someone can see now: their consumers may start resumed. */
  shown(): ('camera' | 'screen')[] {
    return (['screen', 'camera'] as const).filter((source) => this.shows(source === 'camera'));
  }

  remove(consumerId: string): void {
    this.videos.delete(consumerId);
    this.outOfView.delete(consumerId);
  }

  /** The tile of a video came into view or left it (scrolled away, hidden, collapsed). */
  setInView(consumerId: string, inView: boolean): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (inView) this.outOfView.delete(consumerId);
    else this.outOfView.add(consumerId);
    return this.apply(consumerId);
  }

  /** Brings every video in line after a change of `receiveVideo()` or `pageVisible()`. */
  async sync(): Promise<void> {
    await Promise.all([...this.videos.keys()].map((id) => this.apply(id)));
  }

  close(): void {
    this.closed = true;
    this.videos.clear();
    this.outOfView.clear();
  }

  private wanted(consumerId: string, video: Video): boolean {
    return !this.outOfView.has(consumerId) && this.shows(video.camera);
  }

  /** Whether a video of a tile in view is seen: the page is visible, and cameras are on. */
  private shows(camera: boolean): boolean {
    return this.deps.pageVisible() && (!camera || this.deps.receiveVideo());
  }

  /**
   * Asks the server to pause or resume one consumer if it is not as wanted. Requests for one
   * consumer run one after another and each decides when its turn comes, so quick changes
   * (a tile scrolled past) end in the latest wish, never in an older one arriving last.
   */
  private apply(consumerId: string): Promise<void> {
    const video = this.videos.get(consumerId);
    if (!video) return Promise.resolve();
    const run = video.queue.then(async () => {
      if (this.closed || this.videos.get(consumerId) !== video) return;
      const paused = !this.wanted(consumerId, video);
      if (paused === video.paused) return;
      video.paused = paused;
      try {
        const name = paused ? 'media:pauseConsumer' : 'media:resumeConsumer';
        await this.deps.request(name, { consumerId });
      } catch (error) {
        // Not done: the next change tries again from the server's real state.
        video.paused = !paused;
        const failure = toCallError(error);
        // A consumer closed meanwhile (its sender left, the media was reset) needs nothing.
        if (!this.closed && failure.code !== 'NOT_FOUND') this.deps.report(failure);
      }
    });
    video.queue = run;
    return run;
  }
}
