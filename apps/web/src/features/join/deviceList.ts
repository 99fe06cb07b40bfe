/**
 * The browser's cameras, microphones and speakers, as the device check before a call
 * and the device menu during one list them.
 */
export type DeviceKind = 'mic' | 'camera' | 'speaker';

export interface DeviceOption {
  id: string;
  /** Empty before permission is given; the page then numbers the devices instead. */
  label: string;
}

export type DeviceLists = Record<DeviceKind, DeviceOption[]>;

const KINDS: Record<string, DeviceKind> = {
  audioinput: 'mic',
  videoinput: 'camera',
  audiooutput: 'speaker',
};

/**
 * Lists the browser's devices now, and again whenever one is plugged in or out, until
 * the function it answers is called. Without the API, it lists nothing.
 */
export function watchDevices(onList: (infos: MediaDeviceInfo[]) => void): () => void {
  const devices = globalThis.navigator?.mediaDevices;
  if (!devices?.enumerateDevices) return () => undefined;
  let live = true;
  const list = () =>
    void devices
      .enumerateDevices()
      .then((infos) => live && onList(infos))
      .catch(() => undefined);
  list();
  devices.addEventListener?.('devicechange', list);
  return () => {
    live = false;
    devices.removeEventListener?.('devicechange', list);
  };
}

/** Sorts the browser's device list by kind, without duplicates or nameless placeholders. */
export function deviceLists(
  infos: readonly Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>[],
): DeviceLists {
  const lists: DeviceLists = { mic: [], camera: [], speaker: [] };
  for (const info of infos) {
    const kind = KINDS[info.kind];
    // Before permission, browsers list one entry per kind with an empty id.
    if (!kind || !info.deviceId) continue;
    if (lists[kind].some((d) => d.id === info.deviceId)) continue;
    lists[kind].push({ id: info.deviceId, label: info.label });
  }
  return lists;
}
