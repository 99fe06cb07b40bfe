import { describe, expect, it } from 'vitest';
import {
  addDays,
  checkRange,
  daysBetween,
  anyZoneWindow,
  exportWindow,
  onDates,
  isIsoDate,
  isoWeekday,
  localIsoDate,
  mondayOf,
  recentWeeks,
  weekDates,
  zonedIsoDate,
  zonedMidnight,
  zoneOffset,
} from './dates';

describe('calendar dates', () => {
  it('validates real dates only', () => {
    expect(isIsoDate('2026-11-23')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('23/11/2026')).toBe(false);
  });

  it('adds days across months, years and DST changes', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09'); // US DST starts
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-23', '2026-12-07')).toBe(14);
  });

  it('finds ISO weekdays and the Monday of a week', () => {
    expect(isoWeekday('2026-11-23')).toBe(1); // Monday
    expect(isoWeekday('2026-11-29')).toBe(7); // Sunday
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
    expect(weekDates('2026-11-23')).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
  });

  it('reads the local date of a moment', () => {
    expect(localIsoDate(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });

  it('offers the last weeks up to today, from a Monday', () => {
    expect(recentWeeks('2026-11-26', 1)).toEqual({ from: '2026-11-23', to: '2026-11-26' });
    expect(recentWeeks('2026-11-26', 4)).toEqual({ from: '2026-11-02', to: '2026-11-26' });
  });

  it('explains what is wrong with a range', () => {
    expect(checkRange('2026-11-01', '2026-11-30')).toBeNull();
    expect(checkRange('', '2026-11-30')).toBe('missing');
    expect(checkRange('2026-11-31', '2026-12-30')).toBe('invalid');
    expect(checkRange('2026-11-30', '2026-11-01')).toBe('order');
    expect(checkRange('2025-01-01', '2026-11-30')).toBe('tooLong');
    expect(checkRange('2026-11-30', '2026-11-30')).toBeNull();
  });
});

describe('instants of a date in a time zone', () => {
  it('knows the offset on both sides of a DST change', () => {
    expect(zoneOffset(Date.UTC(2026, 0, 15, 12), 'America/New_York')).toBe(-5 * 3600_000);
    expect(zoneOffset(Date.UTC(2026, 6, 15, 12), 'America/New_York')).toBe(-4 * 3600_000);
    expect(zoneOffset(Date.UTC(2026, 6, 15, 12), 'UTC')).toBe(0);
  });

  it('knows what day it is in a program’s zone, whatever the browser’s', () => {
    // Sunday 8 PM in Los Angeles is already Monday in New York and in UTC.
    const sundayEvening = Date.UTC(2026, 10, 30, 4);
    expect(zonedIsoDate(sundayEvening, 'America/Los_Angeles')).toBe('2026-11-29');
    expect(zonedIsoDate(sundayEvening, 'America/New_York')).toBe('2026-11-29');
    expect(zonedIsoDate(sundayEvening, 'UTC')).toBe('2026-11-30');
    expect(zonedIsoDate(sundayEvening, 'Pacific/Kiritimati')).toBe('2026-11-30');
  });

  it('finds local midnight, including on the days the clocks change', () => {
    expect(zonedMidnight('2026-11-23', 'America/New_York')).toBe(Date.UTC(2026, 10, 23, 5));
    expect(zonedMidnight('2026-07-01', 'America/New_York')).toBe(Date.UTC(2026, 6, 1, 4));
    expect(zonedMidnight('2026-03-08', 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 5));
    expect(zonedMidnight('2026-03-09', 'America/New_York')).toBe(Date.UTC(2026, 2, 9, 4));
    expect(zonedMidnight('2026-11-01', 'America/Los_Angeles')).toBe(Date.UTC(2026, 10, 1, 7));
    expect(zonedMidnight('2026-11-02', 'America/Los_Angeles')).toBe(Date.UTC(2026, 10, 2, 8));
    expect(zonedMidnight('2026-11-23', 'UTC')).toBe(Date.UTC(2026, 10, 23));
  });

  it('bounds an export from the first moment of the first day to the end of the last', () => {
    const w = exportWindow('2026-11-23', '2026-11-29', 'America/New_York');
    expect(w.from).toBe(Date.UTC(2026, 10, 23, 5));
    expect(w.to).toBe(Date.UTC(2026, 10, 30, 5));
    const dst = exportWindow('2026-03-08', '2026-03-08', 'America/New_York');
    expect(dst.to - dst.from).toBe(23 * 3600_000);
  });
});

describe('rows dated each in their own zone', () => {
  it('asks for every instant the dates cover in any zone, and keeps each row by its zone', () => {
    const w = anyZoneWindow('2026-11-23', '2026-11-29');
    // Kiritimati (UTC+14) starts the first day first; Baker Island (UTC-12) ends the last.
    expect(w.from).toBe(zonedMidnight('2026-11-23', 'Pacific/Kiritimati'));
    expect(w.to).toBe(zonedMidnight('2026-11-30', 'Etc/GMT+12'));
    // 8 pm on Sunday the 29th in Los Angeles is already Monday the 30th in London.
    const sundayEvening = Date.UTC(2026, 10, 30, 4);
    expect(onDates(sundayEvening, 'America/Los_Angeles', '2026-11-23', '2026-11-29')).toBe(true);
    expect(onDates(sundayEvening, 'Europe/London', '2026-11-23', '2026-11-29')).toBe(false);
    expect(onDates(sundayEvening, 'Europe/London', '2026-11-30', '2026-11-30')).toBe(true);
  });
});
