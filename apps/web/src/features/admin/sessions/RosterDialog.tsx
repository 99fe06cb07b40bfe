import { useT } from '../../../i18n';
import { commonMessages } from '../common/messages';
import { dataOf, query, useApi } from '../common/data';
import { InfoDialog } from '../common/dialogs';
import { useFormat } from '../common/format';
import { Loading, ProblemNotice, TableWrap } from '../common/ui';
import type { Purpose, RosterLine, Session, SessionRoster } from '../common/types';
import { sessionMessages } from './messages';

interface Props {
  session: Session | null;
  purpose: Purpose;
  timeZone: string | undefined;
  onClose: () => void;
}

const ROLES = new Set(['patient', 'clinician', 'cofacilitator', 'admin']);

/** Who attended a session and for how long; reading it is an audited view. */
/** Whether a correction changed the roster after a signature made at `signedAt`. */
export const correctedSince = (rows: readonly RosterLine[], signedAt: number): boolean =>
  rows.some((r) => r.corrections.some((c) => c.createdAt > signedAt));

export function RosterDialog({ session, purpose, timeZone, onClose }: Props) {
  const t = useT(sessionMessages);
  const c = useT(commonMessages);
  const f = useFormat();
  const path = session
    ? `/api/attendance/sessions/${encodeURIComponent(session.id)}${query({ purpose })}`
    : null;
  const { state, reload } = useApi<SessionRoster>(path);
  const roster = dataOf(state);
  const zone = roster?.program.timeZone ?? timeZone;
  const time = (ms: number | null) => (ms === null ? '—' : f.time(ms, zone));
  const when = session ? f.dateTime(session.startsAt, zone) : '';
  return (
    <InfoDialog
      open={session !== null}
      onOpenChange={(o) => !o && onClose()}
      title={t('rosterTitle', { title: session?.title ?? '' })}
      description={t('rosterDescription', { when })}
      testId="roster-dialog"
    >
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ProblemNotice problem={state.problem} onRetry={reload} />}
      {roster && state.status === 'ready' && (
        <>
          <p>
            {roster.signoffs.length > 0
              ? roster.signoffs
                  .map((s) =>
                    // A signature before a correction did not sign the figures shown now.
                    t(correctedSince(roster.rows, s.signedAt) ? 'signedOffBefore' : 'signedOff', {
                      name: roster.staffNames[s.signedBy] ?? c('unknownPerson'),
                      when: f.dateTime(s.signedAt, zone),
                    }),
                  )
                  .join(' ')
              : t('notSignedOff')}
          </p>
          {roster.rows.length === 0 ? (
            <p className="hint">{t('nobody')}</p>
          ) : (
            <TableWrap label={t('rosterTable')}>
              <table className="admin-table admin-table--compact" data-testid="roster-table">
                <caption className="visually-hidden">{t('rosterTable')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('person')}</th>
                    <th scope="col">{t('role')}</th>
                    <th scope="col">{t('arrived')}</th>
                    <th scope="col">{t('admitted')}</th>
                    <th scope="col">{t('present')}</th>
                    <th scope="col">{t('video')}</th>
                    <th scope="col">{t('audioOnly')}</th>
                    <th scope="col">{t('late')}</th>
                    <th scope="col">{t('drops')}</th>
                    <th scope="col">{t('endedBy')}</th>
                    <th scope="col">{t('billable')}</th>
                    <th scope="col">{t('corrected')}</th>
                  </tr>
                </thead>
                <tbody>
                  {roster.rows.map((row) => {
                    const s = row.summary;
                    return (
                      <tr
                        key={row.stayId}
                        data-subject-id={row.subjectId}
                        data-minutes={s.minutesPresent}
                      >
                        <th scope="row">{row.displayName}</th>
                        <td>
                          {ROLES.has(row.role) ? t(`role.${row.role}` as 'role.patient') : row.role}
                        </td>
                        <td>{time(s.arrival)}</td>
                        <td>{time(s.admission)}</td>
                        <td data-testid="roster-minutes">{s.minutesPresent}</td>
                        <td>{s.minutesVideo}</td>
                        <td>{s.minutesAudioOnly}</td>
                        <td>{s.minutesLate}</td>
                        <td>{s.drops}</td>
                        <td>{t(`ended.${s.endedBy}`)}</td>
                        <td>
                          {row.subjectKind === 'patient' ? (s.billable ? c('yes') : c('no')) : '—'}
                        </td>
                        <td>{row.corrections.length > 0 ? c('yes') : c('no')}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableWrap>
          )}
        </>
      )}
    </InfoDialog>
  );
}
