import { useMemo, useState } from 'react';
import type { StaffUser } from '../../auth/staffSession';
import { useLocale, useT } from '../../i18n';
import { Link } from '../../router/Link';
import { consoleHref, rosterHref } from '../../router/routes';
import { shown, useLoad } from '../staff/http';
import { ErrorBanner, RequireStaff, StaffPage, useDocumentTitle } from '../staff/StaffLayout';
import { InviteDialog } from './InviteDialog';
import { longDate, timeRange, todayQuery, todaysSessions } from './today';
import { todayMessages } from './todayMessages';
import type { ClinicSession, SessionStatus } from './types';
import './clinician.css';

const STATUS_KEY = {
  scheduled: 'statusScheduled',
  open: 'statusOpen',
  live: 'statusLive',
  ended: 'statusEnded',
} as const satisfies Record<SessionStatus, string>;

function SessionCard({ session }: { session: ClinicSession }) {
  const t = useT(todayMessages);
  const locale = useLocale();
  const ended = session.status === 'ended';
  const titleId = `session-${session.id}-title`;
  return (
    <li>
      <article
        className="session-card"
        aria-labelledby={titleId}
        data-testid="session-card"
        data-session-id={session.id}
      >
        <div className="session-card__head">
          <h2 id={titleId}>{session.title}</h2>
          <span className={`status-pill status-pill--${session.status}`}>
            {t(STATUS_KEY[session.status])}
          </span>
        </div>
        <p className="session-card__meta">
          <span>{timeRange(session, locale)}</span>
          <span aria-hidden="true"> · </span>
          <span>{t(session.kind === 'group' ? 'group' : 'individual')}</span>
        </p>
        <div className="session-card__actions">
          {ended ? (
            <Link
              className="button-link button-link--primary"
              href={rosterHref(session.id)}
              aria-label={t('reviewNamed', { title: session.title })}
              data-testid="session-roster"
            >
              {t('review')}
            </Link>
          ) : (
            <>
              <Link
                className="button-link button-link--primary"
                href={consoleHref(session.id)}
                aria-label={t('openNamed', { title: session.title })}
                data-testid="session-open"
              >
                {t('open')}
              </Link>
              <InviteDialog session={session} />
            </>
          )}
        </div>
      </article>
    </li>
  );
}

function Today({ user }: { user: StaffUser }) {
  const t = useT(todayMessages);
  const locale = useLocale();
  const [now, setNow] = useState(() => Date.now());
  const path = useMemo(() => todayQuery(now), [now]);
  const { load } = useLoad<ClinicSession[]>(path);
  const data = shown(load);
  const sessions = data ? todaysSessions(data, now) : null;
  useDocumentTitle(t('title'));

  return (
    <StaffPage user={user} className="today">
      <div className="page-head">
        <div>
          <h1>{t('title')}</h1>
          <p className="hint">{longDate(now, locale)}</p>
        </div>
        <button
          type="button"
          onClick={() => setNow(Date.now())}
          disabled={load.kind === 'loading'}
          data-testid="today-refresh"
        >
          {t('refresh')}
        </button>
      </div>
      {load.kind === 'loading' && (
        <p className="hint" role="status">
          {t('loading')}
        </p>
      )}
      {load.kind === 'error' && <ErrorBanner code={load.code} onRetry={() => setNow(Date.now())} />}
      {sessions && sessions.length === 0 && (
        <div className="card" data-testid="today-empty">
          <p>{t('none')}</p>
          <p className="hint">{t('noneHint')}</p>
        </div>
      )}
      {sessions && sessions.length > 0 && (
        <ul className="session-list" aria-label={t('listLabel')} data-testid="session-list">
          {sessions.map((s) => (
            <SessionCard key={s.id} session={s} />
          ))}
        </ul>
      )}
    </StaffPage>
  );
}

/** `/clinician`: the signed-in clinician's sessions today. */
export default function TodayPage() {
  return <RequireStaff>{(user) => <Today user={user} />}</RequireStaff>;
}
