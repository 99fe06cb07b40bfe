import { useState } from 'react';
import { Link } from '../../router/Link';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { Controls } from './Controls';
import { joinPreferences, takeToken } from './joinLink';
import { NoticeList } from './NoticeList';
import { SessionView, toggleHand } from './SessionView';
import { endText } from './texts';
import { quietly, useCallClient, useCallState } from './useCall';
import { WaitingView } from './WaitingView';

const CONNECTION_TEXT = {
  idle: 'Starting…',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Connection lost. Reconnecting…',
  closed: 'Disconnected',
} as const;

/** `/room/:sessionId#token=...`: the waiting room, then the session. */
export default function CallPage({ sessionId }: { sessionId: string }) {
  const [token] = useState(() => takeToken(sessionId));
  const [preferences] = useState(() => joinPreferences(window.location.search));
  const client = useCallClient(sessionId, token, preferences);
  const state = useCallState(client);

  if (!token) {
    return (
      <main className="page" data-testid="call-page">
        <ErrorPanel error={{ code: 'UNAUTHENTICATED', fatal: false }} />
        <p>
          <Link href="/">Go to the start page</Link>
        </p>
      </main>
    );
  }
  if (!client || !state) return <p className="loading">Connecting…</p>;

  const { self, local, connection } = state;
  const ended = endText(self);
  const controls = (
    <Controls
      micEnabled={local.micEnabled}
      cameraEnabled={local.cameraEnabled}
      micLocked={local.micLocked}
      onMic={(on) => quietly(client.setMicEnabled(on))}
      onCamera={(on) => quietly(client.setCameraEnabled(on))}
      hand={
        self.state === 'admitted'
          ? { raised: state.handRaised, onToggle: (raised) => toggleHand(client, raised) }
          : undefined
      }
      onLeave={() => quietly(client.leave())}
    />
  );

  return (
    <main className="call" data-testid="call-page" data-self-state={self.state}>
      <p
        className={connection === 'reconnecting' ? 'connection connection--warn' : 'connection'}
        role="status"
        data-testid="connection-status"
        data-state={connection}
      >
        {connection === 'connected' || ended ? '' : CONNECTION_TEXT[connection]}
      </p>
      {state.lastError && (
        <ErrorPanel error={state.lastError} onDismiss={() => client.clearError()} />
      )}
      <NoticeList notices={state.notices} onDismiss={(id) => client.dismissNotice(id)} />
      {(self.state === 'idle' || self.state === 'joining') && (
        <section className="page" aria-busy="true">
          <h1>Joining your session…</h1>
          <p>If your browser asks, please allow the camera and microphone.</p>
        </section>
      )}
      {self.state === 'waiting' && <WaitingView state={state} controls={controls} />}
      {self.state === 'admitted' && (
        <SessionView client={client} state={state} controls={controls} />
      )}
      {ended && (
        <section className="page" data-testid="end-view" data-reason={self.state}>
          <h1>{ended.title}</h1>
          <p>{ended.body}</p>
          {ended.canRejoin && (
            <button type="button" className="primary" onClick={() => window.location.reload()}>
              Rejoin
            </button>
          )}
        </section>
      )}
    </main>
  );
}
