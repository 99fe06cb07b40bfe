import { addDays } from '../common/dates';
import type { ProgramWeek } from '../common/types';

/**
 * A group's attendance over weeks as a patients-by-weeks grid. Each cell is classified
 * against the program's weekly requirement; the classes carry a symbol and a pattern as
 * well as a colour, so none relies on colour alone.
 */
export type CellKind = 'met' | 'under' | 'absent' | 'current' | 'upcoming' | 'notEnrolled';

export function classifyCell(
  minutes: number,
  requiredHours: number,
  weekStart: string,
  today: string,
): CellKind {
  if (weekStart > today) return 'upcoming';
  if (minutes >= requiredHours * 60) return 'met';
  if (addDays(weekStart, 7) > today) return 'current';
  return minutes === 0 ? 'absent' : 'under';
}

/** Under-attended for certain: a finished week short of the requirement. */
export const isShort = (kind: CellKind): boolean => kind === 'under' || kind === 'absent';

export const CELL_SYMBOL: Record<CellKind, string> = {
  met: '✓',
  under: '!',
  absent: '✕',
  current: '…',
  upcoming: '·',
  notEnrolled: '–',
};

export interface HeatCell {
  weekStart: string;
  minutes: number;
  sessions: number;
  billableDays: number;
  kind: CellKind;
}

export interface HeatRow {
  patientId: string;
  displayName: string;
  cells: HeatCell[];
  shortWeeks: number;
}

export interface Heatmap {
  weeks: string[];
  rows: HeatRow[];
  /** Per week, how many patients fell short. */
  shortByWeek: number[];
  requiredHours: number;
}

/**
 * One row per patient seen in any week, by display name. The server lists in each week
 * every patient enrolled on one of its days (discharged ones until their last day) and
 * anyone who attended: a week without a patient's row is a week they were not enrolled
 * in, never a shortfall.
 */
export function buildHeatmap(
  weeks: readonly ProgramWeek[],
  requiredHours: number,
  today: string,
): Heatmap {
  const starts = weeks.map((w) => w.weekStart);
  const names = new Map<string, string>();
  for (const w of weeks) for (const r of w.rows) names.set(r.patientId, r.displayName);
  const rows = [...names.entries()]
    .sort(([ida, a], [idb, b]) => a.localeCompare(b) || ida.localeCompare(idb))
    .map(([patientId, displayName]) => {
      const cells = weeks.map((w) => {
        const row = w.rows.find((r) => r.patientId === patientId);
        const minutes = row?.minutes ?? 0;
        return {
          weekStart: w.weekStart,
          minutes,
          sessions: row?.sessions.length ?? 0,
          billableDays: row?.billableDays ?? 0,
          kind: row
            ? classifyCell(minutes, requiredHours, w.weekStart, today)
            : ('notEnrolled' as const),
        } satisfies HeatCell;
      });
      return {
        patientId,
        displayName,
        cells,
        shortWeeks: cells.filter((c) => isShort(c.kind)).length,
      };
    });
  const shortByWeek = starts.map(
    (_, i) => rows.filter((r) => isShort(r.cells[i]?.kind ?? 'met')).length,
  );
  return { weeks: starts, rows, shortByWeek, requiredHours };
}

export interface CellPosition {
  row: number;
  col: number;
}

/**
 * Where the focus goes in a grid of `rows` x `cols` cells on a key press, or null when
 * the key is not a grid key. Arrows move one cell, Home/End to the row's ends, and with
 * Ctrl to the grid's corners; moves stop at the edges.
 */
export function moveCell(
  at: CellPosition,
  key: string,
  rows: number,
  cols: number,
  ctrl = false,
): CellPosition | null {
  const clamp = (v: number, n: number) => Math.min(Math.max(v, 0), n - 1);
  switch (key) {
    case 'ArrowRight':
      return { row: at.row, col: clamp(at.col + 1, cols) };
    case 'ArrowLeft':
      return { row: at.row, col: clamp(at.col - 1, cols) };
    case 'ArrowDown':
      return { row: clamp(at.row + 1, rows), col: at.col };
    case 'ArrowUp':
      return { row: clamp(at.row - 1, rows), col: at.col };
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { row: at.row, col: 0 };
    case 'End':
      return ctrl ? { row: rows - 1, col: cols - 1 } : { row: at.row, col: cols - 1 };
    default:
      return null;
  }
}
