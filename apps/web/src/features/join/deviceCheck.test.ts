import { describe, expect, it } from 'vitest';
import {
  canContinue,
  currentMode,
  deviceCheckReducer,
  deviceLists,
  deviceProblem,
  initialDeviceCheck,
  modeAvailable,
  networkAdvice,
  statusFromError,
  type DeviceCheckAction,
  type DeviceCheckState,
} from './deviceCheck';
import type { NetworkResult } from './network';

const run = (...actions: DeviceCheckAction[]): DeviceCheckState =>
  actions.reduce(deviceCheckReducer, initialDeviceCheck());

const probed = (mic: string, camera: string) =>
  ({ type: 'probed', mic, camera }) as DeviceCheckAction;

const net = (quality: NetworkResult['quality'], webrtc = true): NetworkResult => ({
  quality,
  medianMs: quality === 'offline' ? null : 50,
  webrtc,
});

const devices = [
  { deviceId: 'default', kind: 'audioinput', label: 'Default - Headset' },
  { deviceId: 'mic-1', kind: 'audioinput', label: 'Headset' },
  { deviceId: 'mic-1', kind: 'audioinput', label: 'Headset' },
  { deviceId: 'cam-1', kind: 'videoinput', label: 'Front camera' },
  { deviceId: 'cam-2', kind: 'videoinput', label: '' },
  { deviceId: 'out-1', kind: 'audiooutput', label: 'Speakers' },
  { deviceId: '', kind: 'videoinput', label: '' },
] as const;

describe('device check', () => {
  it('reads getUserMedia failures by name', () => {
    const err = (name: string) => new DOMException('x', name);
    expect(statusFromError(err('NotAllowedError'))).toBe('denied');
    expect(statusFromError(err('SecurityError'))).toBe('denied');
    expect(statusFromError(err('NotFoundError'))).toBe('missing');
    expect(statusFromError(err('OverconstrainedError'))).toBe('missing');
    expect(statusFromError(err('NotReadableError'))).toBe('busy');
    expect(statusFromError(new TypeError('nope'))).toBe('failed');
    expect(statusFromError('weird')).toBe('failed');
  });

  it('lists devices by kind, once each, without placeholders', () => {
    const lists = deviceLists(devices);
    expect(lists.mic.map((d) => d.id)).toEqual(['default', 'mic-1']);
    expect(lists.camera).toEqual([
      { id: 'cam-1', label: 'Front camera' },
      { id: 'cam-2', label: '' },
    ]);
    expect(lists.speaker.map((d) => d.id)).toEqual(['out-1']);
  });

  it('selects the devices in use, and keeps a choice that still exists', () => {
    let state = run(
      { type: 'probed', mic: 'ready', camera: 'ready', inUse: { camera: 'cam-2' } },
      { type: 'devices', devices },
    );
    expect(state.selected).toEqual({ mic: 'default', camera: 'cam-2', speaker: 'out-1' });
    state = deviceCheckReducer(state, { type: 'select', kind: 'mic', id: 'mic-1' });
    state = deviceCheckReducer(state, { type: 'devices', devices: devices.slice(1) });
    expect(state.selected.mic).toBe('mic-1');
    state = deviceCheckReducer(state, { type: 'devices', devices: [] });
    expect(state.selected).toEqual({ mic: null, camera: null, speaker: null });
  });

  it('records a device that failed when reopened', () => {
    const state = run(probed('ready', 'ready'), { type: 'status', kind: 'camera', status: 'busy' });
    expect(state).toMatchObject({ mic: 'ready', camera: 'busy' });
    expect(currentMode(state)).toBe('audio');
  });

  it('offers each way of joining only when its devices work', () => {
    const both = run(probed('ready', 'ready'));
    expect(['video', 'audio', 'listen'].map((m) => modeAvailable(both, m as never))).toEqual([
      true,
      true,
      true,
    ]);
    const micOnly = run(probed('ready', 'missing'));
    expect(modeAvailable(micOnly, 'video')).toBe(false);
    expect(modeAvailable(micOnly, 'audio')).toBe(true);
    const none = run(probed('denied', 'denied'));
    expect(modeAvailable(none, 'audio')).toBe(false);
    expect(modeAvailable(none, 'listen')).toBe(true);
  });

  it('applies the fullest working mode until the person chooses', () => {
    expect(currentMode(initialDeviceCheck())).toBeNull();
    expect(currentMode(run(probed('ready', 'ready')))).toBe('video');
    expect(currentMode(run(probed('ready', 'busy')))).toBe('audio');
    expect(currentMode(run(probed('denied', 'denied')))).toBe('listen');
    expect(currentMode(run(probed('ready', 'ready'), { type: 'mode', mode: 'audio' }))).toBe(
      'audio',
    );
    // A choice that no longer works gives way.
    expect(
      currentMode(
        run({ type: 'mode', mode: 'video' }, probed('ready', 'ready'), probed('ready', 'missing')),
      ),
    ).toBe('audio');
    // Listening can be chosen while the browser still asks.
    expect(currentMode(run({ type: 'mode', mode: 'listen' }))).toBe('listen');
  });

  it('lets the person continue once a mode applies and the browser can make calls', () => {
    expect(canContinue(initialDeviceCheck())).toBe(false);
    expect(canContinue(run(probed('ready', 'ready')))).toBe(true);
    expect(canContinue(run({ type: 'mode', mode: 'listen' }))).toBe(true);
    expect(
      canContinue(run(probed('ready', 'ready'), { type: 'network', result: net('good', false) })),
    ).toBe(false);
    // A poor or even absent link does not block: the person may still try.
    expect(
      canContinue(run(probed('ready', 'ready'), { type: 'network', result: net('poor') })),
    ).toBe(true);
  });

  it('explains the most blocking problem first', () => {
    expect(deviceProblem(run(probed('ready', 'ready')))).toBeNull();
    expect(deviceProblem(run(probed('denied', 'denied')))).toBe('denied');
    expect(deviceProblem(run(probed('denied', 'ready')))).toBe('micDenied');
    expect(deviceProblem(run(probed('ready', 'denied')))).toBe('cameraDenied');
    expect(deviceProblem(run(probed('missing', 'failed')))).toBe('noDevices');
    expect(deviceProblem(run(probed('ready', 'busy')))).toBe('busy');
    expect(deviceProblem(run(probed('ready', 'missing')))).toBe('noCamera');
    expect(deviceProblem(run(probed('missing', 'ready')))).toBe('noMic');
    expect(
      deviceProblem(
        run(probed('denied', 'denied'), { type: 'network', result: net('good', false) }),
      ),
    ).toBe('unsupported');
  });

  it('suggests audio only on a poor link, and says when the server is out of reach', () => {
    expect(networkAdvice(null, 'video')).toBeNull();
    expect(networkAdvice(net('good'), 'video')).toBeNull();
    expect(networkAdvice(net('fair'), 'video')).toBeNull();
    expect(networkAdvice(net('poor'), 'video')).toBe('tryAudio');
    expect(networkAdvice(net('poor'), 'audio')).toBeNull();
    expect(networkAdvice(net('offline'), 'listen')).toBe('offline');
  });
});
