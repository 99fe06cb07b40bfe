import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { playTestTone, watchLevel } from './audio';
import type { DeviceKind, DeviceOption } from './deviceList';
import { deviceMessages } from './deviceMessages';
import type { NetworkResult } from './network';

/** The camera preview, mirrored like a mirror; a calm placeholder without a camera. */
export function PreviewVideo({ track }: { track: MediaStreamTrack | null }) {
  const t = useT(deviceMessages);
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.srcObject = track ? new MediaStream([track]) : null;
    if (track) element.play().catch(() => undefined);
  }, [track]);
  return (
    <figure className="preview" data-testid="device-preview" data-live={track ? 'true' : 'false'}>
      <video
        ref={video}
        className="preview__video"
        autoPlay
        playsInline
        muted
        hidden={!track}
        aria-label={t('previewLabel')}
      />
      {!track && (
        <p className="preview__empty" aria-hidden="true">
          {t('noPreview')}
        </p>
      )}
    </figure>
  );
}

/** How loud the microphone hears the room, as a native meter the screen reader can read. */
export function MicMeter({ track }: { track: MediaStreamTrack | null }) {
  const t = useT(deviceMessages);
  const [level, setLevel] = useState(0);
  useEffect(() => {
    setLevel(0);
    if (!track) return;
    return watchLevel(track, (value) => setLevel(Math.round(value * 20) / 20)) ?? undefined;
  }, [track]);
  return (
    <div className="mic-meter">
      <label htmlFor="mic-level">{t('micLevel')}</label>
      <meter
        id="mic-level"
        data-testid="mic-level"
        min={0}
        max={1}
        low={0.15}
        high={0.9}
        optimum={0.5}
        value={level}
      />
      <p className="hint">{track ? t('micHint') : t('micSilent')}</p>
    </div>
  );
}

const NUMBERED = { mic: 'microphoneN', camera: 'cameraN', speaker: 'speakerN' } as const;
const LABEL = { mic: 'microphone', camera: 'camera', speaker: 'speaker' } as const;

/** A labelled native list of one kind of device: works with every screen reader and phone. */
export function DeviceSelect(props: {
  kind: DeviceKind;
  options: readonly DeviceOption[];
  value: string | null;
  disabled?: boolean;
  onChange: (id: string) => void;
}) {
  const t = useT(deviceMessages);
  const id = `device-${props.kind}`;
  if (props.options.length === 0) return null;
  return (
    <div className="field">
      <label htmlFor={id}>{t(LABEL[props.kind])}</label>
      <select
        id={id}
        data-testid={id}
        value={props.value ?? ''}
        disabled={props.disabled}
        onChange={(event) => props.onChange(event.target.value)}
      >
        {props.options.map((o, i) => (
          <option key={o.id} value={o.id}>
            {o.label || t(NUMBERED[props.kind], { n: i + 1 })}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Plays two short notes through the chosen speaker. */
export function SpeakerTest({ sinkId }: { sinkId: string | null }) {
  const t = useT(deviceMessages);
  const [state, setState] = useState<'idle' | 'playing' | 'failed'>('idle');
  const play = () => {
    setState('playing');
    playTestTone(sinkId)
      .then(() => setState('idle'))
      .catch(() => setState('failed'));
  };
  return (
    <div className="speaker-test">
      <button
        type="button"
        onClick={play}
        disabled={state === 'playing'}
        aria-describedby="speaker-test-hint"
        data-testid="speaker-test"
      >
        {state === 'playing' ? t('playing') : t('testSound')}
      </button>
      <p id="speaker-test-hint" className="hint" role="status">
        {state === 'failed' ? t('soundFailed') : t('soundHint')}
      </p>
    </div>
  );
}

const QUALITY_TEXT = {
  good: 'networkGood',
  fair: 'networkFair',
  poor: 'networkPoor',
  offline: 'networkOffline',
} as const;

/** The result of the short network check, in words and a coloured dot. */
export function NetworkStatus(props: { network: NetworkResult | null; onRecheck: () => void }) {
  const t = useT(deviceMessages);
  const { network } = props;
  return (
    <div className="network-status">
      <p
        role="status"
        data-testid="network-status"
        data-quality={network?.quality ?? 'checking'}
        aria-busy={network ? 'false' : 'true'}
      >
        <span className="network-status__label">{t('network')}: </span>
        <span
          className={`quality-dot quality-dot--${network?.quality ?? 'unknown'}`}
          aria-hidden="true"
        />
        {network ? t(QUALITY_TEXT[network.quality]) : t('networkChecking')}
        {network?.medianMs != null && (
          <span className="hint"> ({t('networkMs', { ms: Math.round(network.medianMs) })})</span>
        )}
      </p>
      {network && network.quality !== 'good' && (
        <button type="button" className="quiet link" onClick={props.onRecheck}>
          {t('checkAgain')}
        </button>
      )}
    </div>
  );
}
