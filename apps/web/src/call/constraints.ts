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

/** Audio and video constraints for the chosen devices; `ideal` falls back to another device if one vanished. */
export function deviceConstraints(
  wants: Record<DeviceKind, boolean>,
  devices: DeviceChoice = {},
): MediaStreamConstraints {
  const pick = (base: MediaTrackConstraints, id: string | undefined): MediaTrackConstraints =>
    id ? { ...base, deviceId: { ideal: id } } : base;
  return {
    audio: wants.mic ? pick(MIC, devices.mic) : false,
    video: wants.camera ? pick(CAMERA, devices.camera) : false,
  };
}
