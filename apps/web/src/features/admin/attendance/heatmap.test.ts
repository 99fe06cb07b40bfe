import { describe, expect, it } from 'vitest';
import type { PatientWeek, ProgramWeek } from '../common/types';
import { buildHeatmap, classifyCell, isShort, moveCell } from './heatmap';

describe('heatmap cells', () => {
  const today = '2026-11-26'; // Thursday of the week of 2026-11-23

  it('classifies finished weeks against the requirement', () => {
    expect(classifyCell(540, 9, '2026-11-16', today)).toBe('met');
    expect(classifyCell(600, 9, '2026-11-16', today)).toBe('met');
    expect(classifyCell(539, 9, '2026-11-16', today)).toBe('under');
    expect(classifyCell(0, 9, '2026-11-16', today)).toBe('absent');
  });

  it('does not call the week in progress short yet, nor a week not started', () => {
    expect(classifyCell(180, 9, '2026-11-23', today)).toBe('current');
    expect(classifyCell(0, 9, '2026-11-23', today)).toBe('current');
    expect(classifyCell(540, 9, '2026-11-23', today)).toBe('met');
    expect(classifyCell(0, 9, '2026-11-30', today)).toBe('upcoming');
    // The Sunday is still in the week; the next Monday starts a new one.
    expect(classifyCell(0, 9, '2026-11-23', '2026-11-29')).toBe('current');
    expect(classifyCell(0, 9, '2026-11-23', '2026-11-30')).toBe('absent');
  });

  it('counts only finished weeks under the requirement as short', () => {
    expect(isShort('under')).toBe(true);
    expect(isShort('absent')).toBe(true);
    expect(isShort('current')).toBe(false);
    expect(isShort('met')).toBe(false);
    expect(isShort('upcoming')).toBe(false);
  });
});

const row = (patientId: string, displayName: string, minutes: number): PatientWeek => ({
  weekStart: '',
  start: 0,
  end: 0,
  patientId,
  displayName,
  sessions:
    minutes > 0
      ? [
          {
            sessionId: 's',
            stayId: `${patientId}-s`,
            title: 'Group',
            kind: 'group',
            date: '',
            startsAt: 0,
            minutes,
            billable: true,
            corrected: false,
          },
        ]
      : [],
  days: [],
  minutes,
  hours: minutes / 60,
  requiredHours: 9,
  underAttended: minutes < 540,
  billableDays: minutes > 0 ? 1 : 0,
  billableDates: [],
});

const week = (weekStart: string, rows: PatientWeek[]): ProgramWeek => ({
  weekStart,
  start: 0,
  end: 0,
  programId: 'p',
  rows,
  underAttendedCount: rows.filter((r) => r.underAttended).length,
});

describe('the heatmap grid', () => {
  it('has one row per patient seen in any week, by name; a week without their row is not theirs', () => {
    const map = buildHeatmap(
      [
        week('2026-11-09', [row('b', 'Bea R.', 600), row('a', 'Al T.', 300)]),
        week('2026-11-16', [row('a', 'Al T.', 0), row('b', 'Bea R.', 0)]),
        week('2026-11-23', [row('c', 'Cy P.', 180), row('a', 'Al T.', 120)]),
      ],
      9,
      '2026-11-26',
    );
    expect(map.weeks).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
    expect(map.rows.map((r) => r.displayName)).toEqual(['Al T.', 'Bea R.', 'Cy P.']);
    const [al, bea, cy] = map.rows;
    expect(al?.cells.map((c) => c.kind)).toEqual(['under', 'absent', 'current']);
    expect(al?.cells.map((c) => c.minutes)).toEqual([300, 0, 120]);
    // Bea was discharged after the 16th; Cy joined on the 23rd.
    expect(bea?.cells.map((c) => c.kind)).toEqual(['met', 'absent', 'notEnrolled']);
    expect(cy?.cells.map((c) => c.kind)).toEqual(['notEnrolled', 'notEnrolled', 'current']);
    expect(cy?.cells[2]?.sessions).toBe(1);
    expect(al?.shortWeeks).toBe(2);
    expect(map.shortByWeek).toEqual([1, 2, 0]);
  });

  it('is empty without weeks', () => {
    expect(buildHeatmap([], 9, '2026-11-26')).toEqual({
      weeks: [],
      rows: [],
      shortByWeek: [],
      requiredHours: 9,
    });
  });
});

describe('moving through the grid with the keyboard', () => {
  it('moves one cell with arrows and stops at the edges', () => {
    expect(moveCell({ row: 0, col: 0 }, 'ArrowRight', 3, 4)).toEqual({ row: 0, col: 1 });
    expect(moveCell({ row: 0, col: 3 }, 'ArrowRight', 3, 4)).toEqual({ row: 0, col: 3 });
    expect(moveCell({ row: 0, col: 0 }, 'ArrowLeft', 3, 4)).toEqual({ row: 0, col: 0 });
    expect(moveCell({ row: 1, col: 2 }, 'ArrowDown', 3, 4)).toEqual({ row: 2, col: 2 });
    expect(moveCell({ row: 2, col: 2 }, 'ArrowDown', 3, 4)).toEqual({ row: 2, col: 2 });
    expect(moveCell({ row: 1, col: 2 }, 'ArrowUp', 3, 4)).toEqual({ row: 0, col: 2 });
  });

  it('jumps to the ends of a row, or with Ctrl to the corners', () => {
    expect(moveCell({ row: 1, col: 2 }, 'Home', 3, 4)).toEqual({ row: 1, col: 0 });
    expect(moveCell({ row: 1, col: 2 }, 'End', 3, 4)).toEqual({ row: 1, col: 3 });
    expect(moveCell({ row: 1, col: 2 }, 'Home', 3, 4, true)).toEqual({ row: 0, col: 0 });
    expect(moveCell({ row: 1, col: 2 }, 'End', 3, 4, true)).toEqual({ row: 2, col: 3 });
  });

  it('leaves other keys alone', () => {
    expect(moveCell({ row: 0, col: 0 }, 'Tab', 3, 4)).toBeNull();
    expect(moveCell({ row: 0, col: 0 }, 'a', 3, 4)).toBeNull();
  });
});
