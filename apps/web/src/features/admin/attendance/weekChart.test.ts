import { describe, expect, it } from 'vitest';
import { CHART_SIZE, niceMax, tickStep, weekChart } from './weekChart';

describe('the week chart scale', () => {
  it('steps ticks so there are at most six', () => {
    expect(tickStep(3)).toBe(1);
    expect(tickStep(6)).toBe(1);
    expect(tickStep(9)).toBe(2);
    expect(tickStep(12)).toBe(2);
    expect(tickStep(19)).toBe(5);
    expect(tickStep(40)).toBe(10);
  });

  it('rounds the top up to a whole step and never to zero', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(Number.NaN)).toBe(1);
    expect(niceMax(3)).toBe(3);
    expect(niceMax(9)).toBe(10);
    expect(niceMax(12.5)).toBe(15);
    expect(niceMax(19)).toBe(20);
  });
});

describe('the week chart geometry', () => {
  const week = '2026-11-23'; // a Monday
  const plotTop = CHART_SIZE.top;
  const plotBottom = CHART_SIZE.height - CHART_SIZE.bottom;
  const yOf = (hours: number, max: number) => plotBottom - (hours / max) * (plotBottom - plotTop);

  it('stacks each day on the days before it and ends at the week total', () => {
    const chart = weekChart({
      weekStart: week,
      days: [
        { date: '2026-11-23', minutes: 180 },
        { date: '2026-11-25', minutes: 150 },
        { date: '2026-11-27', minutes: 180 },
      ],
      requiredHours: 9,
    });
    expect(chart.bars.map((b) => b.date)).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
    expect(chart.bars.map((b) => b.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(chart.bars.map((b) => b.minutes)).toEqual([180, 0, 150, 0, 180, 0, 0]);
    expect(chart.bars.map((b) => b.toHours)).toEqual([3, 3, 5.5, 5.5, 8.5, 8.5, 8.5]);
    expect(chart.totalMinutes).toBe(510);
    expect(chart.met).toBe(false);
    expect(chart.scaleMax).toBe(10);
    const wed = chart.bars[2];
    expect(wed?.y).toBeCloseTo(yOf(5.5, 10));
    expect((wed?.y ?? 0) + (wed?.height ?? 0)).toBeCloseTo(yOf(3, 10));
    expect(chart.bars[1]?.height).toBe(0); // no attendance, no bar
    expect(chart.requirement.y).toBeCloseTo(yOf(9, 10));
    // The last bar's top is below the requirement line: under-attended at a glance.
    expect(chart.bars[4]?.y).toBeGreaterThan(chart.requirement.y);
  });

  it('grows the scale past the requirement when the week exceeds it', () => {
    const chart = weekChart({
      weekStart: week,
      days: [1, 2, 3, 4, 5].map((d) => ({ date: `2026-11-2${2 + d}`, minutes: 180 })),
      requiredHours: 9,
    });
    expect(chart.totalMinutes).toBe(900);
    expect(chart.met).toBe(true);
    expect(chart.scaleMax).toBe(15);
    expect(chart.ticks.map((t) => t.hours)).toEqual([0, 5, 10, 15]);
    expect(chart.bars[4]?.y).toBeCloseTo(plotTop);
    expect(chart.bars[4]?.y).toBeLessThan(chart.requirement.y);
  });

  it('lays the seven days out evenly inside the plot', () => {
    const chart = weekChart({ weekStart: week, days: [], requiredHours: 9 });
    const slot = (chart.plot.right - chart.plot.left) / 7;
    chart.bars.forEach((b, i) => {
      expect(b.centerX).toBeCloseTo(chart.plot.left + slot * (i + 0.5));
      expect(b.x).toBeGreaterThanOrEqual(chart.plot.left);
      expect(b.x + b.width).toBeLessThanOrEqual(chart.plot.right);
      expect(b.height).toBe(0);
    });
    expect(chart.totalMinutes).toBe(0);
    expect(chart.met).toBe(false);
  });

  it('adds two entries for the same date and ignores dates outside the week', () => {
    const chart = weekChart({
      weekStart: week,
      days: [
        { date: '2026-11-24', minutes: 60 },
        { date: '2026-11-24', minutes: 50 },
        { date: '2026-11-30', minutes: 999 },
      ],
      requiredHours: 0,
    });
    expect(chart.bars[1]?.minutes).toBe(110);
    expect(chart.totalMinutes).toBe(110);
    expect(chart.met).toBe(true);
    expect(chart.scaleMax).toBe(2);
  });
});
