import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateInZone,
  daysBetween,
  isoWeekday,
  zonedTimeToUtc,
  zoneOffsetAt,
} from '../src/zoned-time.js';
import { errorCode } from './fixtures.js';

const NY = 'America/New_York';
const utc = (iso: string) => Date.parse(iso);

describe('zonedTimeToUtc', () => {
  it('keeps 18:00 local on both sides of the spring change in New York', () => {
    expect(zonedTimeToUtc('2026-03-06', '18:00', NY)).toBe(utc('2026-03-06T23:00:00Z'));
    expect(zonedTimeToUtc('2026-03-09', '18:00', NY)).toBe(utc('2026-03-09T22:00:00Z'));
    expect(zonedTimeToUtc('2026-03-08', '18:00', NY)).toBe(utc('2026-03-08T22:00:00Z'));
  });

  it('keeps 18:00 local on both sides of the autumn change in New York', () => {
    expect(zonedTimeToUtc('2026-10-30', '18:00', NY)).toBe(utc('2026-10-30T22:00:00Z'));
    expect(zonedTimeToUtc('2026-11-01', '18:00', NY)).toBe(utc('2026-11-01T23:00:00Z'));
    expect(zonedTimeToUtc('2026-11-02', '18:00', NY)).toBe(utc('2026-11-02T23:00:00Z'));
  });

  it('moves a time that does not exist forward by the gap', () => {
    expect(zonedTimeToUtc('2026-03-08', '02:30', NY)).toBe(utc('2026-03-08T07:30:00Z'));
  });

  it('takes the earlier of a time that occurs twice', () => {
    expect(zonedTimeToUtc('2026-11-01', '01:30', NY)).toBe(utc('2026-11-01T05:30:00Z'));
  });

  it('handles zones without DST, with half hours, and east of UTC', () => {
    expect(zonedTimeToUtc('2026-07-01', '18:00', 'America/Phoenix')).toBe(
      utc('2026-07-02T01:00:00Z'),
    );
    expect(zonedTimeToUtc('2026-01-15', '09:00', 'Asia/Kolkata')).toBe(utc('2026-01-15T03:30:00Z'));
    expect(zonedTimeToUtc('2026-06-01', '00:15', 'Europe/London')).toBe(
      utc('2026-05-31T23:15:00Z'),
    );
    expect(zonedTimeToUtc('2026-01-01', '00:00', 'UTC')).toBe(utc('2026-01-01T00:00:00Z'));
  });

  it('round-trips every half hour across a DST week', () => {
    for (let day = 0; day < 3; day++) {
      const date = addDays('2026-03-07', day);
      for (let h = 0; h < 24; h++) {
        for (const m of ['00', '30']) {
          const time = `${String(h).padStart(2, '0')}:${m}`;
          const instant = zonedTimeToUtc(date, time, NY);
          if (date === '2026-03-08' && h === 2) continue; // the skipped hour
          expect(dateInZone(instant, NY)).toBe(date);
          const local = new Date(instant + zoneOffsetAt(instant, NY));
          expect(local.toISOString().slice(11, 16)).toBe(time);
        }
      }
    }
  });

  it('rejects bad input with BAD_REQUEST', async () => {
    const reject = (f: () => unknown) => errorCode(Promise.resolve().then(f));
    expect(await reject(() => zonedTimeToUtc('2026-02-30', '18:00', NY))).toBe('BAD_REQUEST');
    expect(await reject(() => zonedTimeToUtc('2026-02-01', '24:00', NY))).toBe('BAD_REQUEST');
    expect(await reject(() => zonedTimeToUtc('2026-02-01', '18:00', 'Mars/Olympus'))).toBe(
      'BAD_REQUEST',
    );
  });
});

describe('calendar helpers', () => {
  it('gives the local date of an instant', () => {
    expect(dateInZone(utc('2026-03-09T03:00:00Z'), NY)).toBe('2026-03-08');
    expect(dateInZone(utc('2026-03-09T05:00:00Z'), NY)).toBe('2026-03-09');
  });

  it('counts ISO weekdays and days', () => {
    expect(isoWeekday('2026-03-09')).toBe(1);
    expect(isoWeekday('2026-03-08')).toBe(7);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
  });
});
