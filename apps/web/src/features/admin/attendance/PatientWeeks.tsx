import { useEffect } from 'react';
import { useT } from '../../../i18n';
import { commonMessages } from '../common/messages';
import { zonedIsoDate } from '../common/dates';
import { dataOf, query, useApi } from '../common/data';
import { useFormat } from '../common/format';
import { Loading, ProblemNotice } from '../common/ui';
import type { PatientRange, PatientWeek } from '../common/types';
import type { Filters } from './filters';
import { CELL_SYMBOL, classifyCell } from './heatmap';
import { attendanceMessages } from './messages';
import { WeekChart } from './WeekChart';

interface Props {
  filters: Filters;
  /** A week to bring into view once loaded ('YYYY-MM-DD' Monday). */
  focusWeek: string | null;
}

/** One patient's weeks, most recent first: a chart and the sessions of each week. */
export function PatientWeeks({ filters, focusWeek }: Props) {
  const t = useT(attendanceMessages);
  const path = filters.patientId
    ? `/api/attendance/patients/${encodeURIComponent(filters.patientId)}/range${query({
        purpose: filters.purpose,
        from: filters.from,
        to: filters.to,
      })}`
    : null;
  const { state, reload } = useApi<PatientRange[]>(path);
  const ranges = dataOf(state)?.filter(
    (r) => !filters.programId || r.program.id === filters.programId,
  );

  useEffect(() => {
    if (state.status !== 'ready' || !focusWeek) return;
    document.querySelector<HTMLElement>(`[data-week-heading="${focusWeek}"]`)?.focus();
  }, [state.status, focusWeek]);

  if (!filters.patientId) return <p className="hint admin-empty">{t('choosePatient')}</p>;
  return (
    <div data-testid="patient-weeks" aria-busy={state.status === 'loading'}>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ProblemNotice problem={state.problem} onRetry={reload} />}
      {ranges && ranges.length === 0 && <p className="hint admin-empty">{t('notEnrolled')}</p>}
      {ranges?.map((range) => (
        <section
          key={range.program.id}
          className="admin-program-weeks"
          aria-labelledby={`pw-${range.program.id}`}
        >
          <h2 id={`pw-${range.program.id}`}>
            {t('programWeeks', {
              program: range.program.name,
              required: range.program.weeklyHoursRequired,
            })}
          </h2>
          <ol className="admin-weeks">
            {[...range.weeks]
              .sort((a, b) => b.weekStart.localeCompare(a.weekStart))
              .map((week) => (
                <WeekCard key={week.weekStart} week={week} timeZone={range.program.timeZone} />
              ))}
          </ol>
        </section>
      ))}
    </div>
  );
}

/** A week's status, judged by the program's own calendar (its today, not the browser's). */
function WeekCard({ week, timeZone }: { week: PatientWeek; timeZone: string }) {
  const t = useT(attendanceMessages);
  const c = useT(commonMessages);
  const f = useFormat();
  const kind = classifyCell(
    week.minutes,
    week.requiredHours,
    week.weekStart,
    zonedIsoDate(Date.now(), timeZone),
  );
  const status = t(`status.${kind}`);
  return (
    <li
      className={`admin-week admin-week--${kind}`}
      data-testid="week-card"
      data-week={week.weekStart}
    >
      <div className="admin-week__head">
        <h3 tabIndex={-1} data-week-heading={week.weekStart}>
          {t('weekOf', { date: f.date(week.weekStart, 'long') })}
        </h3>
        <span
          className={`admin-status admin-status--${kind}`}
          data-testid="week-status"
          data-kind={kind}
        >
          <span aria-hidden="true">{CELL_SYMBOL[kind]} </span>
          {status}
        </span>
      </div>
      <p className="admin-week__total" data-testid="week-total" data-minutes={week.minutes}>
        {t('weekTotal', {
          minutes: week.minutes,
          hours: f.hours(week.minutes),
          required: f.number(week.requiredHours, 1),
        })}
        {' · '}
        {t('billableDays', { count: week.billableDays })}
      </p>
      {week.minutes > 0 && <WeekChart week={week} status={status} />}
      <h4 className="admin-week__sessions-title">{t('sessionsHeading')}</h4>
      {week.sessions.length === 0 ? (
        <p className="hint">{t('noSessions')}</p>
      ) : (
        <ul className="admin-sessions-list" data-testid="week-sessions">
          {week.sessions.map((s) => (
            <li
              key={s.stayId}
              data-testid="week-session"
              data-session-id={s.sessionId}
              data-minutes={s.minutes}
            >
              <strong>{s.title}</strong> · {f.weekday(s.date, 'long')} {f.date(s.date)} ·{' '}
              {c('minutes', { minutes: s.minutes })} ({c('hours', { hours: f.hours(s.minutes) })}) ·{' '}
              {s.billable ? t('billable') : t('notBillable')}
              {s.corrected && <> · {t('corrected')}</>}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
