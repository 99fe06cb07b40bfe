import type { ReactNode } from 'react';
import type { CallState } from '../../call/types';
import { VideoTile } from './VideoTile';

/** The private waiting room: nobody else is shown, and nobody sees this person. */
export function WaitingView({ state, controls }: { state: CallState; controls: ReactNode }) {
  const { self, local } = state;
  const waiting = self.state === 'waiting' ? self : null;
  return (
    <section className="waiting" data-testid="waiting-room" aria-labelledby="waiting-title">
      <h1 id="waiting-title">Waiting for the clinician to let you in</h1>
      <p>
        You are in a private waiting room. Nobody else can see or hear you here. Please keep this
        page open; your clinician will admit you shortly.
      </p>
      {waiting?.lateArrival && (
        <p>The session has already started. Your clinician will let you in at a good moment.</p>
      )}
      {(waiting?.message || state.waitingMessages.length > 0) && (
        <div
          className="waiting__messages"
          role="log"
          aria-live="polite"
          aria-label="Messages from your clinician"
        >
          {waiting?.message && <p className="message">{waiting.message}</p>}
          {state.waitingMessages.map((m, i) => (
            <p key={`${m.at}-${i}`} className="message">
              {m.text}
            </p>
          ))}
        </div>
      )}
      <div className="waiting__preview">
        <VideoTile
          participantId={state.selfId ?? 'self'}
          name="You"
          label="You"
          source="camera"
          track={local.camera}
          showVideo={local.cameraEnabled && local.camera !== null}
          self
          micOff={!local.micEnabled}
        />
        <p className="hint">This preview is only visible to you.</p>
      </div>
      {controls}
    </section>
  );
}
