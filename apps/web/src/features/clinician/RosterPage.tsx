import { Tabs } from 'radix-ui';
import { useState } from 'react';
import type { StaffUser } from '../../auth/staffSession';
import { useLocale, useT } from '../../i18n';
import { Link } from '../../router/Link';
import { consoleHref } from '../../router/routes';
import { shown, useLoad } from '../staff/http';
import { ErrorBanner, RequireStaff, StaffPage, useDocumentTitle } from '../staff/StaffLayout';
import { CorrectionDialog } from './roster/CorrectionDialog';
import { rosterMessages } from './roster/messages';
import { RosterTable } from './roster/RosterTable';
import { SignoffPanel } from './roster/SignoffPanel';
import { correctionLimit, correctionValue, formatMinutes, splitRows, totals } from './roster';
import { dateTime, longDate } from './today';
import type { Roster, RosterRow } from './types';
import './clinician.css';

function Corrections({ roster }: { roster: Roster }) {
  const t = useT(rosterMessages);
  const locale = useLocale();
  const lines = roster.rows
    .flatMap((row) => row.corrections.map((c) => ({ row, c })))
    .sort((a, b) => b.c.createdAt - a.c.createdAt);
  if (lines.length === 0) return null;
  return (
    <section className="card" aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">{t('correctionsTitle')}</h2>
      <ul className="correction-list" data-testid="correction-list">
        {lines.map(({ row, c }) => {
          const value = correctionValue(c.value);
          const vars = {
            name: row.displayName,
            author: roster.staffNames[c.authorId] ?? '—',
            time: dateTime(c.createdAt, locale, roster.program.timeZone),
            reason: c.reason,
          };
          return (
            <li key={c.id}>
              {c.field === 'minutesPresent' && value !== null
                ? t('correctionLine', { ...vars, value: formatMinutes(value) })
                : t('correctionOther', { ...vars, field: c.field })}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function RosterView({ user, sessionId }: { user: StaffUser; sessionId: string }) {
  const t = useT(rosterMessages);
  const locale = useLocale();
  const { load, reload } = useLoad<Roster>(
    `/api/attendance/sessions/${encodeURIComponent(sessionId)}?purpose=treatment`,
  );
  const [correcting, setCorrecting] = useState<RosterRow | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const roster = shown(load);
  useDocumentTitle(roster ? `${t('title')}: ${roster.session.title}` : t('title'));

  const split = roster ? splitRows(roster.rows) : null;
  const sum = roster ? totals(roster.rows) : null;
  return (
    <StaffPage user={user} className="roster" testId="roster-page">
      <div className="page-head">
        <div>
          <h1>{t('title')}</h1>
          {roster && (
            <p className="roster-session">
              {t('sessionOf', {
                title: roster.session.title,
                date: longDate(roster.session.startsAt, locale, roster.program.timeZone),
              })}
            </p>
          )}
          {roster && (
            <p className="hint">
              {t('program', {
                name: roster.program.name,
                code: roster.program.billingCode,
                zone: roster.program.timeZone,
              })}
            </p>
          )}
        </div>
        <button type="button" onClick={reload} disabled={load.kind === 'loading'}>
          {t('refresh')}
        </button>
      </div>
      {load.kind === 'loading' && (
        <p className="hint" role="status">
          {t('loading')}
        </p>
      )}
      {load.kind === 'error' && <ErrorBanner code={load.code} onRetry={reload} />}
      {roster && split && sum && (
        <>
          {roster.session.status !== 'ended' && (
            <p className="staff-alert" data-testid="roster-running">
              {t('running')} <Link href={consoleHref(roster.session.id)}>{t('openConsole')}</Link>
            </p>
          )}
          <p data-testid="roster-totals">
            {t('totals', {
              patients: sum.patients,
              billable: sum.billable,
              minutes: formatMinutes(sum.minutesPresent),
            })}
          </p>
          <Tabs.Root defaultValue="patients">
            <Tabs.List className="tabs" aria-label={t('tabs')}>
              <Tabs.Trigger value="patients" className="tab" data-testid="roster-tab-patients">
                {t('tabPatients', { count: split.patients.length })}
              </Tabs.Trigger>
              <Tabs.Trigger value="staff" className="tab" data-testid="roster-tab-staff">
                {t('tabStaff', { count: split.staff.length })}
              </Tabs.Trigger>
            </Tabs.List>
            <Tabs.Content value="patients" className="tab-panel">
              <RosterTable
                rows={split.patients}
                timeZone={roster.program.timeZone}
                caption={t('tabPatients', { count: split.patients.length })}
                onCorrect={setCorrecting}
              />
            </Tabs.Content>
            <Tabs.Content value="staff" className="tab-panel">
              <RosterTable
                rows={split.staff}
                timeZone={roster.program.timeZone}
                caption={t('tabStaff', { count: split.staff.length })}
                onCorrect={setCorrecting}
              />
            </Tabs.Content>
          </Tabs.Root>
          <Corrections roster={roster} />
          <SignoffPanel
            roster={roster}
            userId={user.id}
            onSigned={() => {
              setAnnouncement(t('signedNow'));
              reload();
            }}
          />
        </>
      )}
      <p>
        <Link href="/clinician">{t('back')}</Link>
      </p>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <CorrectionDialog
        row={correcting}
        limit={roster ? correctionLimit(roster.session) : 24 * 60}
        onClose={(saved) => {
          setCorrecting(null);
          if (saved) {
            setAnnouncement(t('saved'));
            reload();
          }
        }}
      />
    </StaffPage>
  );
}

/** `/clinician/sessions/:id/roster`: review, correct and sign a session's attendance. */
export default function RosterPage({ sessionId }: { sessionId: string }) {
  return <RequireStaff>{(user) => <RosterView user={user} sessionId={sessionId} />}</RequireStaff>;
}
