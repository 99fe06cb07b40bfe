import { describe, expect, it } from 'vitest';
import { LocalMedia } from './localMedia';
import { FakeTrack, asTrack } from './testing';

/** A fake track that knows which of its listeners are still attached. */
class ListenedTrack extends FakeTrack {
  readonly listeners = new Set<string>();
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: AddEventListenerOptions | boolean,
  ): void {
    super.addEventListener(type, listener, options);
    this.listeners.add(type);
    const signal = typeof options === 'object' ? options.signal : undefined;
    signal?.addEventListener('abort', () => this.listeners.delete(type));
  }
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: EventListenerOptions | boolean,
  ): void {
    super.removeEventListener(type, listener, options);
    this.listeners.delete(type);
  }
  /** The system takes the device away (`true`) or gives it back. */
  mute(muted: boolean): void {
    this.muted = muted;
    this.dispatchEvent(new Event(muted ? 'mute' : 'unmute'));
  }
}

function setup() {
  const opened: ListenedTrack[] = [];
  const mutes: boolean[] = [];
  const lost: string[] = [];
  const asked: MediaStreamConstraints[] = [];
  /** Devices that will not open (held by another app): their ids. */
  const busy = new Set<string>();
  const devices = {
    getUserMedia: async (constraints: MediaStreamConstraints): Promise<MediaStream> => {
      asked.push(constraints);
      const { audio, video } = constraints;
      const id = (c: typeof audio) =>
        typeof c === 'object' ? (c.deviceId as { exact?: string } | undefined)?.exact : undefined;
      if ([id(audio), id(video)].some((d) => d && busy.has(d)))
        throw Object.assign(new Error('busy'), { name: 'NotReadableError' });
      const tracks = [
        ...(audio ? [new ListenedTrack('audio')] : []),
        ...(video ? [new ListenedTrack('video')] : []),
      ];
      opened.push(...tracks);
      return { getTracks: () => tracks.map(asTrack) } as unknown as MediaStream;
    },
  };
  const local: LocalMedia = new LocalMedia(() => devices, {
    wants: { mic: true, camera: true },
    onLost: (source) => lost.push(source),
    onMuted: () => mutes.push(local.state().cameraMuted),
  });
  return { local, opened, mutes, lost, asked, busy };
}

describe('LocalMedia', () => {
  it('says when the system mutes the camera, and keeps the person’s choice', async () => {
    const { local, opened, mutes } = setup();
    await local.open();
    const [mic, camera] = opened;
    camera?.mute(true);
    expect(local.state()).toMatchObject({ cameraEnabled: true, cameraMuted: true });
    expect(local.sends('camera')).toBe(false);
    camera?.mute(false);
    expect(local.sends('camera')).toBe(true);
    // Only the camera's muting changes what is billed.
    mic?.mute(true);
    expect(mutes).toEqual([true, false]);
    expect(local.sends('mic')).toBe(true);
  });

  it('listens to the new camera after a device switch, and to none it stopped', async () => {
    const { local, opened, mutes, lost } = setup();
    await local.open();
    const [mic, first] = opened;
    await local.setDevice('camera', 'cam-2');
    const second = opened.at(-1);
    expect(first?.readyState).toBe('ended');
    expect(first?.listeners.size).toBe(0);
    first?.mute(true);
    first?.dispatchEvent(new Event('ended'));
    expect(mutes).toEqual([]);
    expect(lost).toEqual([]);
    second?.mute(true);
    expect(mutes).toEqual([true]);
    await local.setEnabled('camera', false);
    local.stopAll();
    expect([mic, second].map((t) => t?.listeners.size)).toEqual([0, 0]);
  });

  it('keeps the device in use as the choice when the one picked will not open', async () => {
    const { local, asked, busy } = setup();
    await local.open();
    await local.setDevice('camera', 'cam-2');
    busy.add('cam-3');
    await expect(local.setDevice('camera', 'cam-3')).rejects.toMatchObject({
      name: 'NotReadableError',
    });
    // Off and on again: the camera that worked opens, not the busy one.
    await local.setEnabled('camera', false);
    await local.setEnabled('camera', true);
    expect(asked.at(-1)?.video).toMatchObject({ deviceId: { exact: 'cam-2' } });
  });
});
