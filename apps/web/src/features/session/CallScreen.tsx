import { useState, type ReactNode } from 'react';
import type { CallClient } from '../../call/CallClient';
import type { ErrorInfo } from '../../call/errors';
import { useT } from '../../i18n';
import type { ControlsProps } from './Controls';
import { EndView } from './EndView';
import { sessionMessages } from './messages';
import { NoticeList } from './NoticeList';
import { ProblemPanel } from './ProblemPanel';
import { SessionView } from './SessionView';
import { quietly, useCallState } from './useCall';
import { WaitingView } from './WaitingView';

const CONNECTION_TEXT = {
  idle: 'starting',
  connecting: 'connecting',
  connected: null,
  reconnecting: 'reconnecting',
  closed: 'disconnected',
} as const;

/** Errors a new attempt may fix; the others need a new link or the clinic. */
const RETRYABLE = new Set(['TIMEOUT', 'DISCONNECTED', 'INTERNAL', 'MEDIA_ERROR', 'RATE_LIMITED']);
/**
 * Errors only newer code can fix (the server speaks another protocol version): another
 * attempt from this page would run the same old code, so the page itself must load again.
 */
const NEEDS_RELOAD = new Set(['PROTOCOL_MISMATCH']);

const reloadPage = () => window.location.reload();

interface CallProblemProps {
  error: ErrorInfo;
  onDismiss: () => void;
  onRetry: () => void;
  onReload?: () => void;
}

/** What went wrong, with the one way forward that can fix it: try again, or reload the page. */
export function CallProblem({
  error,
  onDismiss,
  onRetry,
  onReload = reloadPage,
}: CallProblemProps) {
  const t = useT(sessionMessages);
  const reload = error.fatal && NEEDS_RELOAD.has(error.code);
  return (
    <>
      <ProblemPanel
        error={error}
        onDismiss={onDismiss}
        onRetry={RETRYABLE.has(error.code) ? onRetry : undefined}
      />
      {reload && (
        <p className="page">
          <button type="button" className="primary" onClick={onReload} data-testid="reload-page">
            {t('reloadPage')}
          </button>
        </p>
      )}
    </>
  );
}

export interface CallScreenProps {
  client: CallClient;
  /** The patient pages ask before leaving; the development room page leaves at once. */
  confirmLeave: boolean;
  /** The speaker chosen in the device check. */
  sinkId?: string | null;
  /** The session's title and time, for the waiting room. */
  details?: ReactNode;
  /** When the session was to start (epoch ms), for the waiting room. */
  startsAt?: number;
  onRejoin: () => void;
  /** A fatal error another attempt may fix: try again. */
  onRetry: () => void;
}

/** One call as the person sees it: connecting, waiting, in session, or over. */
export function CallScreen({
  client,
  confirmLeave,
  sinkId = null,
  details,
  startsAt,
  onRejoin,
  onRetry,
}: CallScreenProps) {
  const t = useT(sessionMessages);
  const state = useCallState(client);
  // Chosen in the device check, and again at will during the call.
  const [speaker, setSpeaker] = useState(sinkId);
  if (!state) return null;
  const { self, local, connection, lastError } = state;
  const over = self.state === 'removed' || self.state === 'ended' || self.state === 'left';
  const connectionText = over ? null : CONNECTION_TEXT[connection];
  const controls: Omit<ControlsProps, 'extra' | 'hand' | 'audioOnly' | 'waiting'> = {
    micEnabled: local.micEnabled,
    cameraEnabled: local.cameraEnabled,
    micLocked: local.micLocked,
    cameraLocked: local.cameraLocked,
    onMic: (on) => quietly(client.setMicEnabled(on)),
    onCamera: (on) => quietly(client.setCameraEnabled(on)),
    devices: {
      onDevice: (source, deviceId) => client.setDevice(source, deviceId),
      local,
      sinkId: speaker,
      onSinkId: setSpeaker,
    },
    confirmLeave,
    onLeave: () => quietly(client.leave()),
  };

  return (
    <div className="call" data-testid="call-page" data-self-state={self.state}>
      <p
        className={connection === 'reconnecting' ? 'connection connection--warn' : 'connection'}
        role="status"
        data-testid="connection-status"
        data-state={connection}
      >
        {connectionText && (
          <>
            {connection !== 'closed' && <span className="spinner" aria-hidden="true" />}
            {t(connectionText)}
          </>
        )}
      </p>
      {lastError && (
        <CallProblem error={lastError} onDismiss={() => client.clearError()} onRetry={onRetry} />
      )}
      <NoticeList notices={state.notices} onDismiss={(id) => client.dismissNotice(id)} />
      {(self.state === 'idle' || self.state === 'joining') && !lastError?.fatal && (
        <section className="page" aria-busy="true" data-testid="joining">
          <h1>
            <span className="spinner" aria-hidden="true" /> {t('joiningTitle')}
          </h1>
          <p>{t('joiningBody')}</p>
        </section>
      )}
      {self.state === 'waiting' && (
        <WaitingView state={state} controls={controls} details={details} startsAt={startsAt} />
      )}
      {self.state === 'admitted' && (
        <SessionView client={client} state={state} controls={controls} sinkId={speaker} />
      )}
      {over && <EndView self={self} onRejoin={onRejoin} />}
    </div>
  );
}
