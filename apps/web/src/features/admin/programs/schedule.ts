import type { Group } from '../common/types';

/** "Mon, Wed, Fri" from ISO weekdays, with the reader's day names. */
export function weekdayList(weekdays: readonly number[], name: (day: number) => string): string {
  return [...weekdays]
    .sort((a, b) => a - b)
    .map(name)
    .join(', ');
}

/** Toggles `day` in a sorted list of ISO weekdays. */
export function toggleWeekday(weekdays: readonly number[], day: number): number[] {
  const set = new Set(weekdays);
  if (set.has(day)) set.delete(day);
  else set.add(day);
  return [...set].sort((a, b) => a - b);
}

export type ScheduleText = (
  group: Pick<Group, 'weekdays' | 'startTime' | 'timeZone' | 'durationMinutes'>,
) => string;
