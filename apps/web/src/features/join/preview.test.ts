import { describe, expect, it } from 'vitest';
import { FakeTrack, asTrack } from '../../call/testing';
import { Preview } from './preview';

type Answer = 'ok' | string;

/** getUserMedia answering from a script: 'ok', or the DOMException name to fail with. */
function scripted(answer: (c: MediaStreamConstraints) => Answer) {
  const asked: MediaStreamConstraints[] = [];
  const made: FakeTrack[] = [];
  const devices = {
    getUserMedia: async (constraints: MediaStreamConstraints) => {
      asked.push(constraints);
      const result = answer(constraints);
      if (result !== 'ok') throw new DOMException('refused', result);
      const tracks = [
        ...(constraints.audio ? [new FakeTrack('audio')] : []),
        ...(constraints.video ? [new FakeTrack('video')] : []),
      ];
      made.push(...tracks);
      return { getTracks: () => tracks.map(asTrack) } as unknown as MediaStream;
    },
  };
  return { preview: new Preview(() => devices), asked, made };
}

describe('device preview', () => {
  it('opens both devices at once when it can', async () => {
    const { preview, asked } = scripted(() => 'ok');
    expect(await preview.probe()).toMatchObject({ mic: 'ready', camera: 'ready' });
    expect(asked).toHaveLength(1);
    expect(preview.getSnapshot().mic?.kind).toBe('audio');
    expect(preview.getSnapshot().camera?.kind).toBe('video');
  });

  it('takes a refusal for both devices without asking again', async () => {
    const { preview, asked } = scripted(() => 'NotAllowedError');
    expect(await preview.probe()).toMatchObject({ mic: 'denied', camera: 'denied' });
    expect(asked).toHaveLength(1);
  });

  it('tries each device alone when both together fail', async () => {
    const { preview, asked } = scripted((c) => (c.video ? 'NotFoundError' : 'ok'));
    expect(await preview.probe()).toMatchObject({ mic: 'ready', camera: 'missing' });
    expect(asked).toHaveLength(3);
    expect(preview.getSnapshot().camera).toBeNull();
  });

  it('reopens one device on another choice and stops the one it replaces', async () => {
    const { preview, asked, made } = scripted(() => 'ok');
    await preview.probe();
    const first = preview.getSnapshot().camera;
    expect(await preview.open('camera', 'cam-2')).toBe('ready');
    expect(asked.at(-1)).toMatchObject({
      audio: false,
      video: { deviceId: { exact: 'cam-2' } },
    });
    expect(first?.readyState).toBe('ended');
    expect(preview.getSnapshot().camera).not.toBe(first);
    expect(made.filter((t) => t.readyState === 'live')).toHaveLength(2);
  });

  it('drops an answer that arrives after it was stopped', async () => {
    const { preview, made } = scripted(() => 'ok');
    const probing = preview.probe();
    preview.stop();
    await probing;
    expect(preview.getSnapshot()).toEqual({ mic: null, camera: null });
    expect(made.every((t) => t.readyState === 'ended')).toBe(true);
  });

  it('closes one device, and hands the rest over without stopping them', async () => {
    const { preview } = scripted(() => 'ok');
    await preview.probe();
    const { camera } = preview.getSnapshot();
    preview.close('camera');
    expect(camera?.readyState).toBe('ended');
    const taken = preview.take();
    expect(Object.keys(taken)).toEqual(['mic']);
    expect(taken.mic?.readyState).toBe('live');
    preview.stop();
    expect(taken.mic?.readyState).toBe('live');
  });
});
