import { useId, useState } from 'react';
import { useT } from '../../../i18n';
import { commonMessages } from '../common/messages';
import { useFormat } from '../common/format';
import type { PatientWeek } from '../common/types';
import { attendanceMessages } from './messages';
import { weekChart } from './weekChart';

interface Props {
  week: PatientWeek;
  /** The spoken status of the week ("Under the requirement"). */
  status: string;
}

/**
 * One patient's week as a chart: each day's hours stacked on the days before it, with the
 * program's requirement as a dashed line. The same numbers are in a table on request.
 */
export function WeekChart({ week, status }: Props) {
  const t = useT(attendanceMessages);
  const c = useT(commonMessages);
  const f = useFormat();
  const [showTable, setShowTable] = useState(false);
  const tableId = `week-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const chart = weekChart({
    weekStart: week.weekStart,
    days: week.days,
    requiredHours: week.requiredHours,
  });
  const { size, plot } = chart;
  const billable = new Set(week.billableDates);
  const attended = chart.bars.filter((b) => b.minutes > 0);
  const summary = t('chartSummary', {
    week: t('weekOf', { date: f.date(week.weekStart, 'long') }),
    hours: f.hours(chart.totalMinutes),
    required: f.number(week.requiredHours, 1),
    status: status.toLowerCase(),
    days:
      attended.length > 0
        ? attended
            .map((b) =>
              t('chartDay', { day: f.weekday(b.date, 'long'), hours: f.hours(b.minutes) }),
            )
            .join(', ')
        : t('chartNoDays'),
  });

  return (
    <figure className="admin-chart" data-testid="week-chart">
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${size.width} ${size.height}`}
        className="admin-chart__svg"
        data-total-minutes={chart.totalMinutes}
      >
        <text
          x={plot.left - 8}
          y={plot.top - 12}
          className="admin-chart__axis-title"
          textAnchor="start"
        >
          {t('axisHours')}
        </text>
        {chart.ticks.map((tick) => (
          <g key={tick.hours}>
            <line
              x1={plot.left}
              x2={plot.right}
              y1={tick.y}
              y2={tick.y}
              className="admin-chart__grid"
            />
            <text x={plot.left - 6} y={tick.y + 4} textAnchor="end" className="admin-chart__tick">
              {f.number(tick.hours)}
            </text>
          </g>
        ))}
        {chart.bars.map((bar) => (
          <g key={bar.date}>
            {bar.height > 0 && (
              <rect
                x={bar.x}
                y={bar.y}
                width={bar.width}
                height={bar.height}
                className="admin-chart__bar"
              />
            )}
            {bar.minutes > 0 && (
              <text
                x={bar.centerX}
                y={bar.y - 5}
                textAnchor="middle"
                className="admin-chart__value"
              >
                {f.hours(bar.minutes)}
              </text>
            )}
            <text
              x={bar.centerX}
              y={plot.bottom + 18}
              textAnchor="middle"
              className="admin-chart__tick"
            >
              {f.weekday(bar.date)}
            </text>
            <text
              x={bar.centerX}
              y={plot.bottom + 34}
              textAnchor="middle"
              className="admin-chart__tick"
            >
              {f.monthDay(bar.date)}
            </text>
          </g>
        ))}
        <line
          x1={plot.left}
          x2={plot.right}
          y1={plot.bottom}
          y2={plot.bottom}
          className="admin-chart__axis"
        />
        <line
          x1={plot.left}
          x2={plot.right}
          y1={chart.requirement.y}
          y2={chart.requirement.y}
          className="admin-chart__requirement"
        />
        <text
          x={plot.right}
          y={chart.requirement.y - 6}
          textAnchor="end"
          className="admin-chart__requirement-label"
        >
          {chart.met
            ? t('requiredLine', { hours: f.number(week.requiredHours, 1) })
            : t('requiredShort', {
                hours: f.number(week.requiredHours, 1),
                short: f.hours(week.requiredHours * 60 - chart.totalMinutes, 'up'),
              })}
        </text>
      </svg>
      <figcaption className="admin-chart__caption">
        <button
          type="button"
          className="quiet admin-link-button"
          aria-expanded={showTable}
          aria-controls={tableId}
          onClick={() => setShowTable(!showTable)}
        >
          {showTable ? t('hideTable') : t('showTable')}
        </button>
      </figcaption>
      <div id={tableId} hidden={!showTable}>
        <table className="admin-table admin-table--compact" data-testid="week-table">
          <caption>{t('tableCaption', { date: f.date(week.weekStart, 'long') })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colDay')}</th>
              <th scope="col">{t('colMinutes')}</th>
              <th scope="col">{t('colHours')}</th>
              <th scope="col">{t('colRunning')}</th>
              <th scope="col">{t('colBillable')}</th>
            </tr>
          </thead>
          <tbody>
            {chart.bars.map((bar) => (
              <tr key={bar.date}>
                <th scope="row">
                  {f.weekday(bar.date, 'long')} {f.date(bar.date)}
                </th>
                <td>{bar.minutes}</td>
                <td>{f.hours(bar.minutes)}</td>
                <td>{f.hours(bar.toHours * 60)}</td>
                <td>{billable.has(bar.date) ? c('yes') : c('no')}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('total')}</th>
              <td data-testid="week-table-total">{chart.totalMinutes}</td>
              <td>{f.hours(chart.totalMinutes)}</td>
              <td />
              <td>{week.billableDays}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </figure>
  );
}
