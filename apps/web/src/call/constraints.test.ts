import { describe, expect, it, vi } from 'vitest';
import { deviceConstraints, openDevices } from './constraints';

const stream = {} as MediaStream;
const named = (name: string) => Object.assign(new Error(name), { name });

describe('opening the chosen devices', () => {
  it('asks for the chosen device exactly, since an ideal one loses to a device in use', async () => {
    const getUserMedia = vi.fn(async () => stream);
    await openDevices({ getUserMedia }, { mic: true, camera: false }, { mic: 'headset' });
    expect(getUserMedia).toHaveBeenCalledWith({
      audio: expect.objectContaining({ deviceId: { exact: 'headset' } }),
      video: false,
    });
  });

  it('falls back to the browser’s choice when the chosen device is gone', async () => {
    const getUserMedia = vi
      .fn<(c: MediaStreamConstraints) => Promise<MediaStream>>()
      .mockRejectedValueOnce(named('OverconstrainedError'))
      .mockResolvedValueOnce(stream);
    const wants = { mic: true, camera: true };
    expect(await openDevices({ getUserMedia }, wants, { camera: 'unplugged' })).toBe(stream);
    expect(getUserMedia).toHaveBeenLastCalledWith(deviceConstraints(wants));
  });

  it('keeps the other choice when only one of the chosen devices is gone', async () => {
    const getUserMedia = vi
      .fn<(c: MediaStreamConstraints) => Promise<MediaStream>>()
      .mockRejectedValueOnce(named('OverconstrainedError'))
      .mockResolvedValueOnce(stream);
    const enumerateDevices = async () => [{ deviceId: 'headset' }] as MediaDeviceInfo[];
    const wants = { mic: true, camera: true };
    const devices = { mic: 'headset', camera: 'unplugged' };
    await openDevices({ getUserMedia, enumerateDevices }, wants, devices);
    expect(getUserMedia).toHaveBeenLastCalledWith(deviceConstraints(wants, { mic: 'headset' }));
  });

  it('passes any other refusal on, and retries nothing without a choice', async () => {
    const denied = vi.fn(async () => Promise.reject(named('NotAllowedError')));
    await expect(
      openDevices({ getUserMedia: denied }, { mic: true, camera: false }, { mic: 'headset' }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(denied).toHaveBeenCalledTimes(1);
    const missing = vi.fn(async () => Promise.reject(named('NotFoundError')));
    await expect(
      openDevices({ getUserMedia: missing }, { mic: true, camera: false }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(missing).toHaveBeenCalledTimes(1);
  });
});
