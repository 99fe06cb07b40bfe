import { useEffect, useRef, useState } from 'react';
import type { EndReason } from '@haven/protocol';
import type { StaffUser } from '../../auth/staffSession';
import type { ErrorInfo } from '../../call/errors';
import type { SelfStatus } from '../../call/types';
import { useT } from '../../i18n';
import { navigate } from '../../router/history';
import { Link } from '../../router/Link';
import { rosterHref } from '../../router/routes';
import { shown, useLoad } from '../staff/http';
import { ErrorBanner, RequireStaff, StaffPage, useDocumentTitle } from '../staff/StaffLayout';
import { LiveConsole } from './console/LiveConsole';
import { consoleMessages } from './console/messages';
import { useCallSnapshot, useConsoleCall } from './console/useConsole';
import type { ClinicSession } from './types';
import './clinician.css';

function EndedView({ sessionId, reason }: { sessionId: string; reason: EndReason | null }) {
  const t = useT(consoleMessages);
  const body =
    reason === 'clinician_timeout'
      ? t('endedTimeout')
      : reason === 'server_shutdown'
        ? t('endedShutdown')
        : t('endedBody');
  return (
    <section className="card" data-testid="console-ended">
      <h1>{t('endedTitle')}</h1>
      <p>{body}</p>
      <p className="row-actions">
        <Link className="button-link button-link--primary" href={rosterHref(sessionId)}>
          {t('reviewAttendance')}
        </Link>
        <Link className="button-link" href="/clinician">
          {t('backToToday')}
        </Link>
      </p>
    </section>
  );
}

/**
 * Before admission. A join that failed for a passing reason (no answer in time, too many
 * tries, the session moving to another server) is tried again every few seconds: the
 * clinician is told so, and why, instead of a message that never changes.
 */
export function Joining({ error }: { error: ErrorInfo | null }) {
  const t = useT(consoleMessages);
  return (
    <>
      <p className="hint" role="status" aria-busy="true" data-testid="console-joining">
        {error ? t('joiningAgain') : t('joining')}
      </p>
      {error && <ErrorBanner code={error.code} />}
    </>
  );
}

/** The console once this clinician is out of the session: left, removed, or open elsewhere. */
export function GoneView({
  self,
  onRejoin,
}: {
  self: Extract<SelfStatus, { state: 'left' | 'removed' }>;
  onRejoin: () => void;
}) {
  const t = useT(consoleMessages);
  return (
    <section className="card" data-testid="console-left">
      <h1>{self.state === 'left' ? t('leftTitle') : t('removedTitle')}</h1>
      <p>
        {self.state === 'left'
          ? t('leftBody')
          : self.kind === 'replaced'
            ? t('replacedBody')
            : self.message}
      </p>
      <p className="row-actions">
        <button type="button" className="primary" onClick={onRejoin}>
          {t('rejoin')}
        </button>
        <Link className="button-link" href="/clinician">
          {t('backToToday')}
        </Link>
      </p>
    </section>
  );
}

function Session({ meta, onRejoin }: { meta: ClinicSession; onRejoin: () => void }) {
  const client = useConsoleCall(meta.id);
  const state = useCallSnapshot(client);
  const ending = useRef(false);
  const ended = state?.self.state === 'ended';
  useEffect(() => {
    if (ended && ending.current) navigate(rosterHref(meta.id));
  }, [ended, meta.id]);
  if (!client || !state) return null;
  const { self } = state;
  if (self.state === 'ended') return <EndedView sessionId={meta.id} reason={self.reason} />;
  if (self.state === 'left' || self.state === 'removed')
    return <GoneView self={self} onRejoin={onRejoin} />;
  if (self.state !== 'admitted') {
    const fatal = state.lastError?.fatal ? state.lastError : null;
    if (fatal) {
      const retry = fatal.code === 'SESSION_ENDED' ? undefined : () => window.location.reload();
      return fatal.code === 'SESSION_ENDED' ? (
        <EndedView sessionId={meta.id} reason={null} />
      ) : (
        <ErrorBanner code={fatal.code} onRetry={retry} />
      );
    }
    return <Joining error={state.lastError} />;
  }
  return (
    <LiveConsole
      client={client}
      state={state}
      title={meta.title}
      onEnding={() => {
        ending.current = true;
      }}
    />
  );
}

function Console({ user, sessionId }: { user: StaffUser; sessionId: string }) {
  const t = useT(consoleMessages);
  const { load, reload } = useLoad<ClinicSession>(`/api/sessions/${encodeURIComponent(sessionId)}`);
  const [round, setRound] = useState(0);
  const meta = shown(load);
  useDocumentTitle(meta?.title ?? t('loadingSession'));
  return (
    <StaffPage user={user} className="console" testId="console-page">
      {!meta && load.kind === 'loading' && (
        <p className="hint" role="status">
          {t('loadingSession')}
        </p>
      )}
      {!meta && load.kind === 'error' && (
        <>
          <ErrorBanner code={load.code} onRetry={reload} />
          <Link href="/clinician">{t('backToToday')}</Link>
        </>
      )}
      {meta && meta.status === 'ended' && <EndedView sessionId={meta.id} reason={null} />}
      {meta && meta.status !== 'ended' && (
        <Session key={round} meta={meta} onRejoin={() => setRound((r) => r + 1)} />
      )}
    </StaffPage>
  );
}

/** `/clinician/sessions/:id`: runs the session. */
export default function ConsolePage({ sessionId }: { sessionId: string }) {
  return <RequireStaff>{(user) => <Console user={user} sessionId={sessionId} />}</RequireStaff>;
}
