import { describe, expect, it } from 'vitest';
import type { StayRecord } from '../../src/attendance/types.js';
import { patientRange, patientWeek, programWeek, weekOf } from '../../src/attendance/week.js';
import { isoLocal, localDate, startOfDay } from '../../src/attendance/zone.js';
import { MIN, correction, ledger, patientStay, program, record, session } from './helpers.js';

const NY = 'America/New_York';
const HOUR = 60 * MIN;

describe('weekOf', () => {
  it('spring forward: the week holding 8 March 2026 is 167 hours long', () => {
    const w = weekOf(Date.UTC(2026, 2, 5, 17), NY);
    expect(w).toEqual({
      weekStart: '2026-03-02',
      start: Date.UTC(2026, 2, 2, 5),
      end: Date.UTC(2026, 2, 9, 4),
    });
    expect((w.end - w.start) / HOUR).toBe(167);
    expect(weekOf(Date.UTC(2026, 2, 8, 7, 30), NY).weekStart).toBe('2026-03-02'); // 03:30 EDT, just after the jump
  });

  it('fall back: the week holding 1 November 2026 is 169 hours long', () => {
    const w = weekOf(Date.UTC(2026, 10, 1, 6, 30), NY); // 01:30 EST, the second time round
    expect(w).toEqual({
      weekStart: '2026-10-26',
      start: Date.UTC(2026, 9, 26, 4),
      end: Date.UTC(2026, 10, 2, 5),
    });
    expect((w.end - w.start) / HOUR).toBe(169);
    expect(weekOf(Date.UTC(2026, 10, 1, 5, 30), NY).weekStart).toBe('2026-10-26'); // 01:30 EDT, the first time
  });

  it('Sunday 23:30 belongs to its week; Monday 00:00 local starts the next', () => {
    const sunday = Date.UTC(2026, 2, 16, 3, 30); // Sunday 15 March, 23:30 EDT
    expect(isoLocal(sunday, NY)).toBe('2026-03-15T23:30:00-04:00');
    expect(weekOf(sunday, NY).weekStart).toBe('2026-03-09');
    const monday = Date.UTC(2026, 2, 16, 4); // Monday 16 March, 00:00 EDT
    expect(weekOf(monday - 1, NY).weekStart).toBe('2026-03-09');
    expect(weekOf(monday, NY)).toEqual({
      weekStart: '2026-03-16',
      start: monday,
      end: monday + 168 * HOUR,
    });
    // In UTC, both instants fall on Monday 16 March.
    expect(new Date(sunday).toISOString().slice(0, 10)).toBe('2026-03-16');
  });

  it('finds local midnight at the far ends of the offsets', () => {
    expect(startOfDay('2026-03-09', 'Pacific/Kiritimati')).toBe(Date.UTC(2026, 2, 8, 10));
    expect(startOfDay('2026-03-09', 'Pacific/Pago_Pago')).toBe(Date.UTC(2026, 2, 9, 11));
    expect(startOfDay('2026-03-09', 'Asia/Kolkata')).toBe(Date.UTC(2026, 2, 8, 18, 30));
    expect(localDate(Date.UTC(2026, 2, 8, 18, 30) - 1, 'Asia/Kolkata')).toBe('2026-03-08');
  });

  it('keeps remembered local dates apart by zone', () => {
    const instant = Date.UTC(2026, 2, 8, 20);
    for (let pass = 0; pass < 2; pass++) {
      expect(localDate(instant, 'Asia/Kolkata')).toBe('2026-03-09');
      expect(localDate(instant, 'America/Chicago')).toBe('2026-03-08');
      expect(localDate(instant, 'Pacific/Kiritimati')).toBe('2026-03-09');
    }
  });
});

/** A patient stay in a session starting at `startsAt`, present `minutes` on video or audio. */
function stayAt(
  id: string,
  startsAt: number,
  minutes: number,
  opts: {
    patient?: string;
    name?: string;
    mode?: 'video' | 'audio';
    programId?: string;
    duration?: number;
  } = {},
): StayRecord {
  const sess = session({
    id: `sess-${id}`,
    startsAt,
    durationMinutes: opts.duration ?? 180,
    endedAt: startsAt + 180 * MIN,
    programId: opts.programId ?? program.id,
  });
  const l = ledger(startsAt).at(0, 'arrived').at(0, 'admitted');
  if (opts.mode !== 'audio') l.at(0, 'media_mode', { mode: 'video' });
  l.at(minutes, 'left');
  const stay = patientStay({
    id: `stay-${id}`,
    sessionId: sess.id,
    subjectId: opts.patient ?? 'pat-1',
    displayName: opts.name ?? 'Ana M.',
  });
  return record(stay, sess, l.events);
}

const evening = (month: number, day: number): number => Date.UTC(2026, month - 1, day, 22); // 18:00 EDT

describe('patientWeek', () => {
  const records: StayRecord[] = [
    stayAt('mon', evening(3, 9), 180),
    stayAt('wed', evening(3, 11), 150, { mode: 'audio' }),
    stayAt('thu', evening(3, 12), 100),
    stayAt('thu-noon', Date.UTC(2026, 2, 12, 16), 60, { duration: 60 }),
    stayAt('sun-late', Date.UTC(2026, 2, 16, 3, 30), 30, { duration: 30 }), // Sunday 23:30 local
    stayAt('next-mon', Date.UTC(2026, 2, 16, 4), 120), // Monday 00:00 local: next week
    stayAt('other', evening(3, 9), 180, { patient: 'pat-2', name: 'Bo K.' }),
    stayAt('elsewhere', evening(3, 10), 180, { programId: 'prog-2' }),
  ];

  it('adds up the sessions of the week, by date of service', () => {
    const w = patientWeek({ program, patientId: 'pat-1', records, at: evening(3, 11) });
    expect(w.weekStart).toBe('2026-03-09');
    expect(w.sessions.map((s) => [s.sessionId, s.date, s.minutes])).toEqual([
      ['sess-mon', '2026-03-09', 180],
      ['sess-wed', '2026-03-11', 150],
      ['sess-thu-noon', '2026-03-12', 60],
      ['sess-thu', '2026-03-12', 100],
      ['sess-sun-late', '2026-03-15', 30],
    ]);
    expect(w.minutes).toBe(520);
    expect(w.hours).toBe(8.67);
    expect(w.requiredHours).toBe(9);
    expect(w.underAttended).toBe(true);
    expect(w.days).toEqual([
      { date: '2026-03-09', minutes: 180, billableMinutes: 180, billable: true },
      { date: '2026-03-11', minutes: 150, billableMinutes: 150, billable: true },
      { date: '2026-03-12', minutes: 160, billableMinutes: 160, billable: true },
      { date: '2026-03-15', minutes: 30, billableMinutes: 30, billable: false },
    ]);
    expect(w.billableDays).toBe(3);
    expect(w.billableDates).toEqual(['2026-03-09', '2026-03-11', '2026-03-12']);
    expect(w.displayName).toBe('Ana M.');
  });

  it('does not count audio-only days where the program does not allow audio only', () => {
    const w = patientWeek({
      program: { ...program, audioOnlyAllowed: false },
      patientId: 'pat-1',
      records,
      at: evening(3, 11),
    });
    expect(w.days.find((d) => d.date === '2026-03-11')).toEqual({
      date: '2026-03-11',
      minutes: 150,
      billableMinutes: 0,
      billable: false,
    });
    expect(w.billableDays).toBe(2);
    expect(w.minutes).toBe(520);
  });

  it('uses corrected minutes and meets the weekly hours', () => {
    const base = records[2];
    if (!base) throw new Error('fixture');
    const fixed: StayRecord = {
      ...base,
      corrections: [correction({ stayId: base.stay.id, field: 'minutesPresent', value: 180 })],
    };
    const w = patientWeek({
      program,
      patientId: 'pat-1',
      records: [...records.filter((r) => r !== base), fixed],
      at: evening(3, 9),
    });
    expect(w.minutes).toBe(600);
    expect(w.underAttended).toBe(false);
    expect(w.sessions.find((s) => s.sessionId === 'sess-thu')).toMatchObject({
      minutes: 180,
      corrected: true,
    });
  });

  it('a week with no attendance is under-attended', () => {
    const w = patientWeek({ program, patientId: 'pat-1', records, at: evening(4, 1) });
    expect(w).toMatchObject({
      weekStart: '2026-03-30',
      minutes: 0,
      underAttended: true,
      billableDays: 0,
      sessions: [],
    });
  });
});

describe('programWeek', () => {
  it('lists every patient, the enrolled who never came included, and flags under-attendance', () => {
    const records = [
      stayAt('a1', evening(3, 9), 180),
      stayAt('a2', evening(3, 10), 180),
      stayAt('a3', evening(3, 11), 180),
      stayAt('b1', evening(3, 9), 90, { patient: 'pat-2', name: 'Bo K.' }),
    ];
    const w = programWeek({
      program,
      records,
      at: evening(3, 12),
      patients: [
        { id: 'pat-3', displayName: 'Cy L.' },
        { id: 'pat-1', displayName: 'Ana M.' },
      ],
    });
    expect(
      w.rows.map((r) => [r.patientId, r.displayName, r.minutes, r.underAttended, r.billableDays]),
    ).toEqual([
      ['pat-1', 'Ana M.', 540, false, 3],
      ['pat-2', 'Bo K.', 90, true, 0],
      ['pat-3', 'Cy L.', 0, true, 0],
    ]);
    expect(w.underAttendedCount).toBe(2);
    expect(w.programId).toBe(program.id);
  });
});

describe('patientRange', () => {
  it('one row per week, the weeks adjoining across the autumn change', () => {
    const records = [stayAt('late-sun', Date.UTC(2026, 10, 2, 4, 30), 30, { duration: 30 })]; // Sunday 1 Nov, 23:30 EST
    const weeks = patientRange({
      program,
      patientId: 'pat-1',
      records,
      from: '2026-10-20',
      to: '2026-11-05',
    });
    expect(weeks.map((w) => w.weekStart)).toEqual(['2026-10-19', '2026-10-26', '2026-11-02']);
    expect(weeks.map((w) => (w.end - w.start) / HOUR)).toEqual([168, 169, 168]);
    expect(weeks[0]?.end).toBe(weeks[1]?.start);
    expect(weeks[1]?.end).toBe(weeks[2]?.start);
    expect(weeks.map((w) => w.minutes)).toEqual([0, 30, 0]);
  });

  it('covers the weeks of both ends, and refuses a backwards range', () => {
    const weeks = patientRange({
      program,
      patientId: 'pat-1',
      records: [],
      from: '2026-03-01',
      to: '2026-03-16',
    });
    expect(weeks.map((w) => w.weekStart)).toEqual([
      '2026-02-23',
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
    ]);
    expect(() =>
      patientRange({
        program,
        patientId: 'pat-1',
        records: [],
        from: '2026-03-16',
        to: '2026-03-01',
      }),
    ).toThrow();
    expect(() =>
      patientRange({
        program,
        patientId: 'pat-1',
        records: [],
        from: '2026-02-30',
        to: '2026-03-01',
      }),
    ).toThrow();
  });
});
