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
 * Opens the chosen devices; if one of them is gone (unplugged since it was chosen), the
 * browser's own choice instead, rather than nothing.
 */
export async function openDevices(
  mediaDevices: Pick<MediaDevices, 'getUserMedia'>,
  wants: Record<DeviceKind, boolean>,
  devices: DeviceChoice = {},
): Promise<MediaStream> {
  try {
    return await mediaDevices.getUserMedia(deviceConstraints(wants, devices));
  } catch (error) {
    const gone = ['OverconstrainedError', 'NotFoundError'].includes((error as Error).name);
    if (!gone || !(devices.mic || devices.camera)) throw error;
    return mediaDevices.getUserMedia(deviceConstraints(wants));
  }
}
