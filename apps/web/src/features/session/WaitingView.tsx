import { useEffect, useState, type ReactNode } from 'react';
import type { CallState } from '../../call/types';
import { useT } from '../../i18n';
import { useFocusOnMount } from './useFocusOnMount';
import { Controls, type ControlsProps } from './Controls';
import { sessionMessages } from './messages';
import { VideoTile } from './VideoTile';

export interface WaitingViewProps {
  state: CallState;
  controls: Omit<ControlsProps, 'extra' | 'hand' | 'audioOnly' | 'waiting'>;
  /** The session's title and time, when known (the patient pages know them from the invitation). */
  details?: ReactNode;
  /** When the session was to start (epoch ms), when known: the patient pages know it too. */
  startsAt?: number;
}

/** How long past its start a session nobody has opened is worth a call to the clinic. */
const OVERDUE_MS = 10 * 60_000;

/** Whether the time `at` has come; the view renders again when it does. */
function usePassed(at: number): boolean {
  const [passed, setPassed] = useState(() => Date.now() >= at);
  useEffect(() => {
    const left = at - Date.now();
    // Nothing to wait for when past, or further off than a timer can wait (or unknown).
    if (left <= 0 || left >= 2 ** 31) return;
    const timer = setTimeout(() => setPassed(true), left);
    return () => clearTimeout(timer);
  }, [at]);
  return passed;
}

/** The private waiting room: nobody else is shown, and nobody sees this person. */
export function WaitingView({ state, controls, details, startsAt }: WaitingViewProps) {
  const t = useT(sessionMessages);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const { self, local } = state;
  const waiting = self.state === 'waiting' ? self : null;
  const here = waiting?.clinicianPresent === true;
  const overdue = usePassed((startsAt ?? Infinity) + OVERDUE_MS);
  // Every message once, the one a reconnection's status repeats included (see the reducer).
  const messages = state.waitingMessages;
  return (
    <section className="waiting" data-testid="waiting-room" aria-labelledby="waiting-title">
      <div className="waiting__status">
        <span className="pulse" aria-hidden="true" />
        <h1 id="waiting-title" ref={heading} tabIndex={-1}>
          {t('waitingTitle')}
        </h1>
      </div>
      {details && <p className="waiting__session">{details}</p>}
      <p>{t('waitingBody')}</p>
      {waiting?.lateArrival && <p>{t('waitingLate')}</p>}
      {/* Mounted from the start, like the messages' region: a change of it is announced. */}
      <div role="status" data-testid="waiting-presence">
        <p>{t(here ? 'clinicianHere' : 'clinicianAway')}</p>
        {!here && overdue && <p>{t('clinicianLate')}</p>}
      </div>
      {/*
       * Mounted from the start, even empty: screen readers announce what is added to a
       * live region they already know, not a region that appears with its first message.
       */}
      <div
        className="waiting__messages"
        role="log"
        aria-live="polite"
        aria-label={t('waitingMessages')}
        data-testid="waiting-messages"
      >
        {messages.length > 0 && <h2 className="visually-hidden">{t('waitingMessages')}</h2>}
        {messages.map((m, i) => (
          <p key={`${m.at}-${i}`} className="message">
            {m.text}
          </p>
        ))}
      </div>
      <div className="waiting__preview">
        <VideoTile
          participantId={state.selfId ?? 'self'}
          name={t('you')}
          label={t('you')}
          source="camera"
          track={local.camera}
          showVideo={local.cameraEnabled && local.camera !== null}
          self
          micOff={!local.micEnabled}
        />
        <p className="hint">{t('previewOnlyYou')}</p>
      </div>
      <Controls {...controls} waiting />
    </section>
  );
}
