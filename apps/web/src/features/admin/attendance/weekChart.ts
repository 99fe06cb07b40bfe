import { isoWeekday, weekDates } from '../common/dates';

/**
 * The geometry of a week chart: one bar per day, stacked on the days before it, so the
 * last bar ends at the week's total and meets (or falls short of) the requirement line.
 * Pure numbers; the component only draws them.
 */

export interface ChartSize {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const CHART_SIZE: ChartSize = {
  width: 560,
  height: 260,
  top: 28,
  right: 12,
  bottom: 44,
  left: 40,
};

export interface DayBar {
  date: string;
  /** 1 = Monday ... 7 = Sunday. */
  weekday: number;
  minutes: number;
  /** Hours before this day, and after it. */
  fromHours: number;
  toHours: number;
  x: number;
  width: number;
  y: number;
  height: number;
  /** Centre of the day's slot, for its labels. */
  centerX: number;
}

export interface WeekChart {
  size: ChartSize;
  bars: DayBar[];
  /** The top of the hour scale. */
  scaleMax: number;
  ticks: { hours: number; y: number }[];
  requirement: { hours: number; y: number };
  totalMinutes: number;
  met: boolean;
  plot: { left: number; right: number; top: number; bottom: number };
}

/** A tick step giving at most six steps up to `max`. */
export function tickStep(max: number): number {
  for (const step of [1, 2, 5, 10, 20, 50]) if (Math.ceil(max / step) <= 6) return step;
  return 100;
}

/** The top of a scale that holds `value`: a whole number of tick steps, at least 1. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const step = tickStep(value);
  return Math.ceil(value / step) * step;
}

export interface WeekChartInput {
  weekStart: string;
  days: readonly { date: string; minutes: number }[];
  requiredHours: number;
}

export function weekChart(input: WeekChartInput, size: ChartSize = CHART_SIZE): WeekChart {
  const byDate = new Map<string, number>();
  for (const d of input.days) byDate.set(d.date, (byDate.get(d.date) ?? 0) + d.minutes);
  const dates = weekDates(input.weekStart);
  const totalMinutes = dates.reduce((sum, d) => sum + (byDate.get(d) ?? 0), 0);
  const scaleMax = niceMax(Math.max(input.requiredHours, totalMinutes / 60));
  const plot = {
    left: size.left,
    right: size.width - size.right,
    top: size.top,
    bottom: size.height - size.bottom,
  };
  const plotHeight = plot.bottom - plot.top;
  const yOf = (hours: number) => plot.bottom - (hours / scaleMax) * plotHeight;
  const slot = (plot.right - plot.left) / dates.length;
  const barWidth = slot * 0.6;
  let before = 0;
  const bars = dates.map((date, i) => {
    const minutes = byDate.get(date) ?? 0;
    const fromHours = before / 60;
    before += minutes;
    const toHours = before / 60;
    const top = yOf(toHours);
    return {
      date,
      weekday: isoWeekday(date),
      minutes,
      fromHours,
      toHours,
      x: plot.left + i * slot + (slot - barWidth) / 2,
      width: barWidth,
      y: top,
      height: yOf(fromHours) - top,
      centerX: plot.left + i * slot + slot / 2,
    };
  });
  const step = tickStep(scaleMax);
  const ticks = [];
  for (let h = 0; h <= scaleMax; h += step) ticks.push({ hours: h, y: yOf(h) });
  return {
    size,
    bars,
    scaleMax,
    ticks,
    requirement: { hours: input.requiredHours, y: yOf(input.requiredHours) },
    totalMinutes,
    met: totalMinutes >= input.requiredHours * 60,
    plot,
  };
}
