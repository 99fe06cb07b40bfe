import { useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../../../i18n';
import { zonedIsoDate } from '../common/dates';
import { dataOf, query, useApi } from '../common/data';
import { useFormat } from '../common/format';
import { Loading, ProblemNotice, TableWrap } from '../common/ui';
import type { ProgramWeeks } from '../common/types';
import type { Filters } from './filters';
import { buildHeatmap, CELL_SYMBOL, moveCell, type CellKind, type CellPosition } from './heatmap';
import { attendanceMessages } from './messages';

interface Props {
  filters: Filters;
  groupName: string | null;
  onOpenPatient: (patientId: string, weekStart: string) => void;
}

const KINDS: CellKind[] = ['met', 'under', 'absent', 'current', 'upcoming', 'notEnrolled'];

/** A program's (or one group's) attendance as patients by weeks, shortfalls marked. */
export function GroupWeeks({ filters, groupName, onOpenPatient }: Props) {
  const t = useT(attendanceMessages);
  const f = useFormat();
  const path = filters.programId
    ? `/api/attendance/programs/${encodeURIComponent(filters.programId)}/weeks${query({
        purpose: filters.purpose,
        from: filters.from,
        to: filters.to,
        groupId: filters.groupId,
      })}`
    : null;
  const { state, reload } = useApi<ProgramWeeks>(path);
  const data = dataOf(state);
  const [focus, setFocus] = useState<CellPosition>({ row: 0, col: 0 });
  const grid = useRef<HTMLTableElement>(null);

  if (!filters.programId) return <p className="hint admin-empty">{t('chooseProgram')}</p>;
  const map = data
    ? buildHeatmap(
        data.weeks.filter((w) => w.weekStart <= filters.to),
        data.program.weeklyHoursRequired,
        zonedIsoDate(Date.now(), data.program.timeZone),
      )
    : null;
  const required = data ? f.number(data.program.weeklyHoursRequired, 1) : '';
  const cols = map?.weeks.length ?? 0;
  const rows = map?.rows.length ?? 0;
  const at = { row: Math.min(focus.row, rows - 1), col: Math.min(focus.col, cols - 1) };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (!map) return;
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-cell]');
    if (!target) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const row = map.rows[at.row];
      const week = map.weeks[at.col];
      if (row && week) onOpenPatient(row.patientId, week);
      return;
    }
    const next = moveCell(at, event.key, rows, cols, event.ctrlKey || event.metaKey);
    if (!next) return;
    event.preventDefault();
    setFocus(next);
    grid.current?.querySelector<HTMLElement>(`[data-cell="${next.row}-${next.col}"]`)?.focus();
  };

  const total = map ? map.shortByWeek.reduce((a, b) => a + b, 0) : 0;
  return (
    <div data-testid="group-weeks" aria-busy={state.status === 'loading'}>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ProblemNotice problem={state.problem} onRetry={reload} />}
      {data && map && (
        <section aria-labelledby="heatmap-heading">
          <h2 id="heatmap-heading">
            {t('heatmapHeading', {
              program: groupName ? `${data.program.name} · ${groupName}` : data.program.name,
            })}
          </h2>
          <p id="heatmap-help" className="hint">
            {t('heatmapHelp')}
          </p>
          <p
            className={
              total > 0 ? 'admin-short-summary admin-short-summary--short' : 'admin-short-summary'
            }
          >
            {t('shortSummary', { count: total })}
          </p>
          <div className="admin-legend">
            <h3 id="heatmap-legend">{t('legend')}</h3>
            <ul aria-labelledby="heatmap-legend">
              {KINDS.map((kind) => (
                <li key={kind}>
                  <span
                    className={`admin-cell admin-cell--${kind} admin-legend__swatch`}
                    aria-hidden="true"
                  >
                    {CELL_SYMBOL[kind]}
                  </span>
                  {t(`legend.${kind}`)}
                </li>
              ))}
            </ul>
          </div>
          {map.rows.length === 0 ? (
            <p className="hint admin-empty">{t('noPatients')}</p>
          ) : (
            <TableWrap label={t('heatmapHeading', { program: data.program.name })}>
              <table
                ref={grid}
                role="grid"
                className="admin-heatmap"
                aria-describedby="heatmap-help"
                onKeyDown={onKeyDown}
                data-testid="heatmap"
              >
                <caption>{t('heatmapCaption', { required })}</caption>
                <thead>
                  <tr>
                    <td />
                    {map.weeks.map((w) => (
                      <th key={w} scope="col">
                        <span className="visually-hidden">{t('weekOf', { date: f.date(w) })}</span>
                        <span aria-hidden="true">{f.monthDay(w)}</span>
                      </th>
                    ))}
                    <td />
                  </tr>
                </thead>
                <tbody>
                  {map.rows.map((row, r) => (
                    <tr key={row.patientId} data-patient-id={row.patientId}>
                      <th scope="row">{row.displayName}</th>
                      {row.cells.map((cell, col) => {
                        const description = t('cellTitle', {
                          name: row.displayName,
                          week: f.date(cell.weekStart),
                          hours: f.hours(cell.minutes),
                          required,
                          status: t(`status.${cell.kind}`),
                          sessions: cell.sessions,
                        });
                        const focused = r === at.row && col === at.col;
                        return (
                          <td
                            key={cell.weekStart}
                            className={`admin-cell admin-cell--${cell.kind}`}
                            tabIndex={focused ? 0 : -1}
                            title={description}
                            data-cell={`${r}-${col}`}
                            data-kind={cell.kind}
                            data-minutes={cell.minutes}
                            data-week={cell.weekStart}
                            onFocus={() => setFocus({ row: r, col })}
                            onClick={() => onOpenPatient(row.patientId, cell.weekStart)}
                          >
                            <span aria-hidden="true">
                              <span className="admin-cell__symbol">{CELL_SYMBOL[cell.kind]}</span>
                              {f.hours(cell.minutes)}
                            </span>
                            <span className="visually-hidden">{description}</span>
                          </td>
                        );
                      })}
                      <td className="admin-heatmap__row-total">
                        {row.shortWeeks === 1
                          ? t('shortWeek')
                          : row.shortWeeks > 1
                            ? t('shortWeeks', { count: row.shortWeeks })
                            : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('shortRow')}</th>
                    {map.shortByWeek.map((n, i) => (
                      <td key={map.weeks[i]} className={n > 0 ? 'admin-heatmap__short' : undefined}>
                        {n > 0 ? t('shortCount', { count: n }) : '0'}
                      </td>
                    ))}
                    <td />
                  </tr>
                </tfoot>
              </table>
            </TableWrap>
          )}
        </section>
      )}
    </div>
  );
}
