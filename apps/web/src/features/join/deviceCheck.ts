import type { NetworkResult } from './network';

/** What the device check learned about one device. */
export type DeviceStatus =
  /** Not asked yet, or the browser is asking the person. */
  | 'pending'
  | 'ready'
  /** The person or the browser's settings refused access. */
  | 'denied'
  /** No such device on this computer or phone. */
  | 'missing'
  /** The device exists but would not start (another app holds it). */
  | 'busy'
  | 'failed';

/** How the person joins: seen and heard, heard only, or neither. */
export type JoinMode = 'video' | 'audio' | 'listen';
export const JOIN_MODES: readonly JoinMode[] = ['video', 'audio', 'listen'];

import { deviceLists, type DeviceKind, type DeviceLists, type DeviceOption } from './deviceList';

export type { DeviceKind, DeviceLists, DeviceOption } from './deviceList';
export { deviceLists, watchDevices } from './deviceList';

export interface DeviceCheckState {
  mic: DeviceStatus;
  camera: DeviceStatus;
  devices: DeviceLists;
  selected: Record<DeviceKind, string | null>;
  /** The person's own choice of mode; until then the best one available applies. */
  chosenMode: JoinMode | null;
  network: NetworkResult | null;
}

export type DeviceCheckAction =
  | { type: 'probing' }
  | {
      type: 'probed';
      mic: DeviceStatus;
      camera: DeviceStatus;
      /** The devices the browser actually opened. */
      inUse?: Partial<Record<'mic' | 'camera', string>>;
    }
  /** One device was reopened (another one chosen, or the mode brought it back). */
  | { type: 'status'; kind: 'mic' | 'camera'; status: DeviceStatus }
  | { type: 'devices'; devices: readonly Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>[] }
  | { type: 'select'; kind: DeviceKind; id: string }
  | { type: 'mode'; mode: JoinMode }
  | { type: 'network'; result: NetworkResult };

export const initialDeviceCheck = (): DeviceCheckState => ({
  mic: 'pending',
  camera: 'pending',
  devices: { mic: [], camera: [], speaker: [] },
  selected: { mic: null, camera: null, speaker: null },
  chosenMode: null,
  network: null,
});

/** What a getUserMedia failure says about the device, by the DOMException's name. */
export function statusFromError(error: unknown): DeviceStatus {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'missing';
    case 'NotReadableError':
    case 'AbortError':
      return 'busy';
    default:
      return 'failed';
  }
}

/** Keeps a selection that still exists; otherwise the device in use, otherwise the first. */
function keepSelection(
  options: DeviceOption[],
  current: string | null,
  inUse?: string,
): string | null {
  for (const id of [current, inUse]) if (id && options.some((o) => o.id === id)) return id;
  return options[0]?.id ?? null;
}

export function deviceCheckReducer(
  state: DeviceCheckState,
  action: DeviceCheckAction,
): DeviceCheckState {
  switch (action.type) {
    case 'probing':
      return { ...state, mic: 'pending', camera: 'pending' };
    case 'probed': {
      const selected = { ...state.selected };
      if (action.inUse?.mic) selected.mic = action.inUse.mic;
      if (action.inUse?.camera) selected.camera = action.inUse.camera;
      return { ...state, mic: action.mic, camera: action.camera, selected };
    }
    case 'status':
      return { ...state, [action.kind]: action.status };
    case 'devices': {
      const devices = deviceLists(action.devices);
      const selected = {
        mic: keepSelection(devices.mic, state.selected.mic),
        camera: keepSelection(devices.camera, state.selected.camera),
        speaker: keepSelection(devices.speaker, state.selected.speaker),
      };
      return { ...state, devices, selected };
    }
    case 'select':
      return { ...state, selected: { ...state.selected, [action.kind]: action.id } };
    case 'mode':
      return { ...state, chosenMode: action.mode };
    case 'network':
      return { ...state, network: action.result };
  }
}

/** Video needs a working camera, audio a working microphone; listening needs neither. */
export function modeAvailable(state: DeviceCheckState, mode: JoinMode): boolean {
  switch (mode) {
    case 'video':
      return state.camera === 'ready' && state.mic === 'ready';
    case 'audio':
      return state.mic === 'ready';
    case 'listen':
      return true;
  }
}

export const probing = (state: DeviceCheckState): boolean =>
  state.mic === 'pending' || state.camera === 'pending';

/** The mode that applies: the person's choice if it works, else the fullest one that does. */
export function currentMode(state: DeviceCheckState): JoinMode | null {
  if (state.chosenMode && modeAvailable(state, state.chosenMode)) return state.chosenMode;
  if (probing(state)) return state.chosenMode === 'listen' ? 'listen' : null;
  return JOIN_MODES.find((mode) => modeAvailable(state, mode)) ?? 'listen';
}

/** Whether "Continue" can be pressed: a mode applies, and the browser can make calls. */
export const canContinue = (state: DeviceCheckState): boolean =>
  currentMode(state) !== null && state.network?.webrtc !== false;

/** The one problem worth explaining, most blocking first. */
export type DeviceProblem =
  | 'unsupported'
  | 'denied'
  | 'cameraDenied'
  | 'micDenied'
  | 'noDevices'
  | 'noCamera'
  | 'noMic'
  | 'busy';

export function deviceProblem(state: DeviceCheckState): DeviceProblem | null {
  const { mic, camera } = state;
  if (state.network?.webrtc === false) return 'unsupported';
  if (mic === 'denied' && camera === 'denied') return 'denied';
  if (mic === 'denied') return 'micDenied';
  if (camera === 'denied') return 'cameraDenied';
  const absent = (s: DeviceStatus) => s === 'missing' || s === 'failed';
  if (absent(mic) && absent(camera)) return 'noDevices';
  if (mic === 'busy' || camera === 'busy') return 'busy';
  if (absent(mic)) return 'noMic';
  if (absent(camera)) return 'noCamera';
  return null;
}

/** What to say about the link: unreachable, or too weak for video (then suggest audio only). */
export function networkAdvice(
  network: NetworkResult | null,
  mode: JoinMode | null,
): 'offline' | 'tryAudio' | null {
  if (!network) return null;
  if (network.quality === 'offline') return 'offline';
  if (network.quality === 'poor' && mode === 'video') return 'tryAudio';
  return null;
}
