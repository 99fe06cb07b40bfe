import {
  useCallback,
  useEffect,
  useReducer,
  useState,
  useSyncExternalStore,
  type Dispatch,
} from 'react';
import { useT } from '../../i18n';
import { canChooseSpeaker } from './audio';
import {
  canContinue,
  currentMode,
  deviceCheckReducer,
  deviceProblem,
  initialDeviceCheck,
  JOIN_MODES,
  modeAvailable,
  networkAdvice,
  probing,
  type DeviceCheckAction,
  type DeviceCheckState,
  type DeviceProblem,
  type JoinMode,
  watchDevices,
} from './deviceCheck';
import { deviceMessages } from './deviceMessages';
import { DeviceSelect, MicMeter, NetworkStatus, PreviewVideo, SpeakerTest } from './DevicePieces';
import { classifyNetwork, measureRoundTrips, webRtcSupported } from './network';
import { Preview } from './preview';
import { useFocusOnMount } from '../session/useFocusOnMount';

/** What the person chose: how to join, on which devices, with the tracks already open. */
export interface JoinChoice {
  mode: JoinMode;
  devices: { mic?: string; camera?: string; speaker?: string };
  tracks: Partial<Record<'mic' | 'camera', MediaStreamTrack>>;
}

const PROBLEM_TEXT: Record<DeviceProblem, keyof typeof deviceMessages.en> = {
  unsupported: 'problemUnsupported',
  denied: 'problemDenied',
  micDenied: 'problemMicDenied',
  cameraDenied: 'problemCameraDenied',
  noDevices: 'problemNoDevices',
  noCamera: 'problemNoCamera',
  noMic: 'problemNoMic',
  busy: 'problemBusy',
};

const MODE_TEXT = {
  video: ['modeVideo', 'modeVideoHint'],
  audio: ['modeAudio', 'modeAudioHint'],
  listen: ['modeListen', 'modeListenHint'],
} as const;

const mediaDevices = () => globalThis.navigator?.mediaDevices;

/** Lists the devices now, and again whenever one is plugged in or out. */
function useDeviceList(dispatch: Dispatch<DeviceCheckAction>, ready: boolean) {
  useEffect(() => {
    if (ready) return watchDevices((devices) => dispatch({ type: 'devices', devices }));
  }, [dispatch, ready]);
}

/** Times a few requests to the server; runs again when `round` changes. */
function useNetworkCheck(dispatch: Dispatch<DeviceCheckAction>, round: number) {
  useEffect(() => {
    const controller = new AbortController();
    void measureRoundTrips({ signal: controller.signal }).then((samples) => {
      if (controller.signal.aborted) return;
      dispatch({
        type: 'network',
        result: { ...classifyNetwork(samples), webrtc: webRtcSupported() },
      });
    });
    return () => controller.abort();
  }, [dispatch, round]);
}

/**
 * Opens the devices the current mode needs on the chosen devices, and closes the others,
 * so a camera the person chose not to use is not left on.
 */
function useReconcile(
  preview: Preview,
  state: DeviceCheckState,
  dispatch: Dispatch<DeviceCheckAction>,
) {
  const mode = currentMode(state);
  const busy = probing(state);
  const { mic: micId, camera: cameraId } = state.selected;
  const micOk = state.mic === 'ready';
  const cameraOk = state.camera === 'ready';
  useEffect(() => {
    if (busy || mode === null) return;
    const wants = { mic: mode !== 'listen' && micOk, camera: mode === 'video' && cameraOk };
    const ids = { mic: micId, camera: cameraId };
    for (const kind of ['mic', 'camera'] as const) {
      if (!wants[kind]) {
        preview.close(kind);
        continue;
      }
      void preview.open(kind, ids[kind]).then((status) => {
        if (status !== 'ready') dispatch({ type: 'status', kind, status });
      });
    }
  }, [preview, dispatch, busy, mode, micId, cameraId, micOk, cameraOk]);
}

export function DeviceCheck(props: {
  finalStep: boolean;
  onContinue: (choice: JoinChoice) => void;
}) {
  const t = useT(deviceMessages);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [state, dispatch] = useReducer(deviceCheckReducer, undefined, initialDeviceCheck);
  const [preview] = useState(() => new Preview(mediaDevices));
  const tracks = useSyncExternalStore(preview.subscribe, preview.getSnapshot);
  const [probeRound, setProbeRound] = useState(0);
  const [networkRound, setNetworkRound] = useState(0);

  useEffect(() => {
    let live = true;
    dispatch({ type: 'probing' });
    void preview.probe().then((result) => live && dispatch({ type: 'probed', ...result }));
    return () => {
      live = false;
      preview.stop();
    };
  }, [preview, probeRound]);

  const busy = probing(state);
  useDeviceList(dispatch, !busy);
  useNetworkCheck(dispatch, networkRound);
  useReconcile(preview, state, dispatch);

  const mode = currentMode(state);
  const problem = deviceProblem(state);
  const advice = networkAdvice(state.network, mode);
  const select = useCallback(
    (kind: 'mic' | 'camera' | 'speaker') => (id: string) => dispatch({ type: 'select', kind, id }),
    [],
  );

  const proceed = () => {
    if (!mode || !canContinue(state)) return;
    const { mic, camera, speaker } = state.selected;
    props.onContinue({
      mode,
      devices: {
        ...(mic ? { mic } : {}),
        ...(camera ? { camera } : {}),
        ...(speaker ? { speaker } : {}),
      },
      tracks: preview.take(),
    });
  };

  return (
    <section
      className="join-card device-check"
      data-testid="device-check"
      aria-labelledby="device-check-title"
    >
      <h1 id="device-check-title" ref={heading} tabIndex={-1}>
        {t('title')}
      </h1>
      <p>{t('intro')}</p>
      {busy && (
        <p className="callout" role="status">
          <span className="spinner" aria-hidden="true" /> {t('asking')}
        </p>
      )}
      {problem && (
        <div
          className="callout callout--warn"
          role="alert"
          data-testid="device-problem"
          data-problem={problem}
        >
          <p>{t(PROBLEM_TEXT[problem])}</p>
          {problem !== 'unsupported' && (
            <button type="button" onClick={() => setProbeRound((n) => n + 1)}>
              {t('tryAgain')}
            </button>
          )}
        </div>
      )}
      <div className="device-check__grid">
        <div className="device-check__preview">
          <PreviewVideo track={tracks.camera} />
          <MicMeter track={tracks.mic} />
        </div>
        <div className="device-check__settings">
          <DeviceSelect
            kind="camera"
            options={state.devices.camera}
            value={state.selected.camera}
            disabled={mode !== 'video'}
            onChange={select('camera')}
          />
          <DeviceSelect
            kind="mic"
            options={state.devices.mic}
            value={state.selected.mic}
            disabled={mode === 'listen'}
            onChange={select('mic')}
          />
          {canChooseSpeaker() && (
            <DeviceSelect
              kind="speaker"
              options={state.devices.speaker}
              value={state.selected.speaker}
              onChange={select('speaker')}
            />
          )}
          <SpeakerTest sinkId={state.selected.speaker} />
          <NetworkStatus network={state.network} onRecheck={() => setNetworkRound((n) => n + 1)} />
          {advice && (
            <p className="callout callout--warn" data-testid="network-advice">
              {t(advice === 'offline' ? 'offline' : 'tryAudio')}
            </p>
          )}
        </div>
      </div>
      <div className="choices">
        <p id="join-mode-label" className="choices__legend">
          {t('modeLegend')}
        </p>
        <div
          className="choices__list"
          role="radiogroup"
          aria-labelledby="join-mode-label"
          data-testid="join-mode"
        >
          {JOIN_MODES.map((m) => {
            const available = modeAvailable(state, m);
            const [label, hint] = MODE_TEXT[m];
            return (
              <div key={m} className="choice">
                <input
                  type="radio"
                  name="join-mode"
                  id={`join-mode-${m}`}
                  value={m}
                  className="radio"
                  checked={mode === m}
                  disabled={!available}
                  onChange={() => dispatch({ type: 'mode', mode: m })}
                  aria-describedby={`join-mode-${m}-hint`}
                  data-testid={`join-mode-${m}`}
                />
                <div className="choice__text">
                  <label htmlFor={`join-mode-${m}`}>
                    {t(label)}
                    {!available && !busy && <span className="hint"> {t('unavailable')}</span>}
                  </label>
                  <span id={`join-mode-${m}-hint`} className="hint">
                    {t(hint)}
                  </span>
                </div>
              </div>
            );
          })}
        </div>
      </div>
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={proceed}
          disabled={!canContinue(state)}
          data-testid="device-continue"
        >
          {props.finalStep ? t('continueJoin') : t('continue')}
        </button>
      </div>
    </section>
  );
}
