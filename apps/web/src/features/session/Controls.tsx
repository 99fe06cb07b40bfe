import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import { AudioOnlyIcon, CameraIcon, HandIcon, MicIcon } from '../../ui/icons';
import { DeviceButton } from './DeviceButton';
import type { DeviceMenuProps } from './DeviceMenu';
import { LeaveDialog } from './LeaveDialog';
import { sessionMessages } from './messages';

interface ToggleProps {
  testId: string;
  label: string;
  pressed: boolean;
  icon: ReactNode;
  /** Out of use for now (locked by the clinician); the button stays focusable. */
  disabled?: boolean;
  /** Read after the name, e.g. why the button is disabled. */
  hint?: string;
  /** Off is a warning (a muted microphone, a camera off), shown in red; otherwise off is plain. */
  alertWhenOff?: boolean;
  onToggle: (next: boolean) => void;
}

/**
 * A button that is on or off. Its name never changes; aria-pressed carries the state for
 * assistive technology, the icon's slash and the colour carry it on screen.
 *
 * Out of use, it is aria-disabled rather than disabled: a clinician's lock can come while
 * the person's focus is on it, and a disabled button would drop the focus to the page's
 * start. Focusable, it still says why it is locked (the hint).
 */
export function Toggle(props: ToggleProps) {
  const { testId, label, pressed, icon, disabled, hint, alertWhenOff = false, onToggle } = props;
  const hintId = `${testId}-hint`;
  const look = pressed
    ? alertWhenOff
      ? 'toggle--on'
      : 'toggle--active'
    : alertWhenOff
      ? 'toggle--alert'
      : '';
  return (
    <>
      <button
        type="button"
        className={`toggle ${look}`.trim()}
        aria-pressed={pressed}
        aria-describedby={hint ? hintId : undefined}
        aria-disabled={disabled || undefined}
        data-testid={testId}
        onClick={() => {
          if (!disabled) onToggle(!pressed);
        }}
      >
        {icon}
        <span className="toggle__label">{label}</span>
      </button>
      {hint && (
        <span id={hintId} className="visually-hidden">
          {hint}
        </span>
      )}
    </>
  );
}

export interface ControlsProps {
  micEnabled: boolean;
  cameraEnabled: boolean;
  micLocked: boolean;
  cameraLocked: boolean;
  /** Show the microphone and camera buttons; default true. */
  canPublish?: boolean;
  onMic: (on: boolean) => void;
  onCamera: (on: boolean) => void;
  /** Absent in the waiting room, where nothing is received. */
  audioOnly?: { on: boolean; onToggle: (on: boolean) => void };
  /** Absent in the waiting room, where there is nobody to raise a hand to. */
  hand?: { raised: boolean; onToggle: (raised: boolean) => void };
  /** The choice of camera, microphone and speaker, when the page offers it. */
  devices?: DeviceMenuProps;
  /** More buttons (the chat), placed before Leave. */
  extra?: ReactNode;
  /** Whether Leave asks first (the patient pages), or leaves at once. */
  confirmLeave: boolean;
  waiting: boolean;
  onLeave: () => void;
}

export function Controls(props: ControlsProps) {
  const t = useT(sessionMessages);
  const { hand, audioOnly, canPublish = true } = props;
  return (
    <div className="controls" role="group" aria-label={t('controls')}>
      {canPublish && (
        <Toggle
          testId="toggle-mic"
          label={t('mic')}
          icon={<MicIcon off={!props.micEnabled} />}
          pressed={props.micEnabled}
          disabled={props.micLocked && !props.micEnabled}
          hint={props.micLocked ? t('micLocked') : undefined}
          alertWhenOff
          onToggle={props.onMic}
        />
      )}
      {canPublish && (
        <Toggle
          testId="toggle-camera"
          label={t('camera')}
          icon={<CameraIcon off={!props.cameraEnabled} />}
          pressed={props.cameraEnabled}
          disabled={props.cameraLocked && !props.cameraEnabled}
          hint={props.cameraLocked ? t('cameraLocked') : undefined}
          alertWhenOff
          onToggle={props.onCamera}
        />
      )}
      {audioOnly && (
        <Toggle
          testId="toggle-audio-only"
          label={t('audioOnly')}
          icon={<AudioOnlyIcon />}
          pressed={audioOnly.on}
          disabled={!audioOnly.on && props.cameraLocked}
          hint={t('audioOnlyHint')}
          onToggle={audioOnly.onToggle}
        />
      )}
      {hand && (
        <Toggle
          testId="toggle-hand"
          label={t('hand')}
          icon={<HandIcon />}
          pressed={hand.raised}
          onToggle={hand.onToggle}
        />
      )}
      {props.devices && <DeviceButton {...props.devices} />}
      {props.extra}
      {props.confirmLeave ? (
        <LeaveDialog waiting={props.waiting} onLeave={props.onLeave} />
      ) : (
        <button type="button" className="danger" onClick={props.onLeave} data-testid="leave-button">
          {t('leave')}
        </button>
      )}
    </div>
  );
}
