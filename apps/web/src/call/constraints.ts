/**
 * What to ask the browser for, shared by the call and the device check (which must not
 * load the call engine to build its preview).
 */
export type DeviceKind = 'mic' | 'camera';

/** Which microphone and camera to open, by `MediaDeviceInfo.deviceId`. */
export type DeviceChoice = Partial<Record<DeviceKind, string>>;

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
 * Audio and video constraints for the chosen devices. The choice is `exact`: Chromium
 * answers an `ideal` device with the one it already has open, so a microphone picked
 * while another is in use would never be heard.
 */
export function deviceConstraints(
  wants: Record<DeviceKind, boolean>,
  devices: DeviceChoice = {},
): MediaStreamConstraints {
  const pick = (base: MediaTrackConstraints, id: string | undefined): MediaTrackConstraints =>
    id ? { ...base, deviceId: { exact: id } } : base;
  return {
    audio: wants.mic ? pick(MIC, devices.mic) : false,
    video: wants.camera ? pick(CAMERA, devices.camera) : false,
  };
}

/**
 * Opens the chosen devices. If one of them is gone (unplugged since it was chosen), the
 * browser's own choice stands in for that one, and the other choice is kept.
 */
export async function openDevices(
  mediaDevices: Pick<MediaDevices, 'getUserMedia'> &
    Partial<Pick<MediaDevices, 'enumerateDevices'>>,
  wants: Record<DeviceKind, boolean>,
  devices: DeviceChoice = {},
): Promise<MediaStream> {
  try {
    return await mediaDevices.getUserMedia(deviceConstraints(wants, devices));
  } catch (error) {
    const gone = ['OverconstrainedError', 'NotFoundError'].includes((error as Error).name);
    const chosen = Object.entries(devices);
    if (!gone || chosen.length === 0) throw error;
    const here = new Set(
      (await mediaDevices.enumerateDevices?.().catch(() => undefined))?.map((d) => d.deviceId),
    );
    const kept = chosen.filter(([, id]) => here.has(id));
    // All still here, yet refused: let the browser choose both.
    const retry = kept.length < chosen.length ? Object.fromEntries(kept) : {};
    return mediaDevices.getUserMedia(deviceConstraints(wants, retry));
  }
}
