import type { ReactNode } from 'react';
import { CameraIcon, HandIcon, MicIcon } from '../../ui/icons';

interface ToggleProps {
  testId: string;
  label: string;
  pressed: boolean;
  icon: ReactNode;
  disabled?: boolean;
  /** Read after the name, e.g. why the button is disabled. */
  hint?: string;
  onToggle: (next: boolean) => void;
}

/**
 * A button that is on or off. Its name never changes; aria-pressed carries the state for
 * assistive technology, the icon's slash and the colour carry it on screen.
 */
function Toggle({ testId, label, pressed, icon, disabled, hint, onToggle }: ToggleProps) {
  const hintId = `${testId}-hint`;
  return (
    <>
      <button
        type="button"
        className={pressed ? 'toggle toggle--on' : 'toggle toggle--off'}
        aria-label={label}
        aria-pressed={pressed}
        aria-describedby={hint ? hintId : undefined}
        disabled={disabled}
        data-testid={testId}
        onClick={() => onToggle(!pressed)}
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
  onMic: (on: boolean) => void;
  onCamera: (on: boolean) => void;
  /** Absent in the waiting room, where there is nobody to raise a hand to. */
  hand?: { raised: boolean; onToggle: (raised: boolean) => void };
  onLeave: () => void;
}

export function Controls(props: ControlsProps) {
  const { hand } = props;
  return (
    <div className="controls" role="group" aria-label="Call controls">
      <Toggle
        testId="toggle-mic"
        label="Microphone"
        icon={<MicIcon off={!props.micEnabled} />}
        pressed={props.micEnabled}
        disabled={props.micLocked && !props.micEnabled}
        hint={props.micLocked ? 'Muted by your clinician' : undefined}
        onToggle={props.onMic}
      />
      <Toggle
        testId="toggle-camera"
        label="Camera"
        icon={<CameraIcon off={!props.cameraEnabled} />}
        pressed={props.cameraEnabled}
        onToggle={props.onCamera}
      />
      {hand && (
        <Toggle
          testId="toggle-hand"
          label="Raise hand"
          icon={<HandIcon />}
          pressed={hand.raised}
          onToggle={hand.onToggle}
        />
      )}
      <button type="button" className="danger" onClick={props.onLeave} data-testid="leave-button">
        Leave
      </button>
    </div>
  );
}
