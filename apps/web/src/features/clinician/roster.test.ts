import { describe, expect, it } from 'vitest';
import {
  checkCorrection,
  correctionLimit,
  clock,
  correctionValue,
  formatMinutes,
  isCorrected,
  signoffState,
  splitRows,
  totals,
} from './roster';
import type { Roster, RosterRow, StaySummary } from './types';

const summary = (over: Partial<StaySummary> = {}): StaySummary => ({
  arrival: Date.UTC(2025, 4, 14, 22, 0),
  admission: Date.UTC(2025, 4, 14, 22, 3),
  minutesPresent: 150,
  minutesVideo: 140,
  minutesAudioOnly: 10,
  minutesLate: 0,
  leftEarly: false,
  drops: 0,
  endedBy: 'session_ended',
  closed: true,
  placeOfService: '10',
  modifier: '95',
  billable: true,
  removedReason: null,
  ...over,
});

const row = (over: Partial<RosterRow> = {}): RosterRow => ({
  stayId: 'st1',
  subjectId: 'p1',
  subjectKind: 'patient',
  role: 'patient',
  displayName: 'Ana B.',
  sessionDate: '2025-05-14',
  summary: summary(),
  original: summary(),
  corrections: [],
  ...over,
});

const roster = (over: Partial<Roster> = {}): Roster => ({
  session: {
    id: 's1',
    kind: 'group',
    programId: 'p',
    groupId: 'g',
    patientId: null,
    leadClinicianId: 'c1',
    title: 'Group',
    startsAt: 0,
    durationMinutes: 180,
    status: 'ended',
    openedAt: 0,
    endedAt: 1,
  },
  program: {
    id: 'p',
    name: 'IOP',
    billingCode: 'H0015',
    timeZone: 'America/New_York',
    minBillableMinutes: 120,
  },
  rows: [row()],
  signoffs: [],
  staffNames: {},
  ...over,
});

describe('roster figures', () => {
  it('formats minutes as minutes, or hours and minutes', () => {
    expect(formatMinutes(0)).toBe('0 min');
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(60)).toBe('1 h 00 min');
    expect(formatMinutes(125)).toBe('2 h 05 min');
    expect(formatMinutes(-3)).toBe('0 min');
    expect(formatMinutes(59.6)).toBe('1 h 00 min');
  });

  it('shows times in the program’s time zone, a dash when there is none', () => {
    const sixPm = Date.UTC(2025, 4, 14, 22, 0); // 18:00 in New York (EDT)
    expect(clock(sixPm, 'en', 'America/New_York')).toMatch(/^6:00\sPM$/);
    expect(clock(sixPm, 'es', 'America/New_York')).toMatch(/^18:00$/);
    expect(clock(null, 'en', 'America/New_York')).toBe('—');
  });

  it('knows a corrected row from an untouched one', () => {
    expect(isCorrected(row())).toBe(false);
    const corrected = row({
      summary: summary({ minutesPresent: 170 }),
      corrections: [
        {
          id: 'c',
          stayId: 'st1',
          authorId: 'u',
          reason: 'Audio trouble',
          createdAt: 5,
          field: 'minutesPresent',
          value: 170,
        },
      ],
    });
    expect(isCorrected(corrected)).toBe(true);
    expect(correctionValue(170)).toBe(170);
    expect(correctionValue([{ from: 1, to: 2 }])).toBeNull();
  });

  it('splits patients from staff and adds up the patients', () => {
    const rows = [
      row({ stayId: 'b', displayName: 'Zoe' }),
      row({ stayId: 'x', subjectKind: 'staff', role: 'clinician', displayName: 'Lee' }),
      row({
        stayId: 'a',
        displayName: 'Ana',
        summary: summary({ billable: false, minutesPresent: 30 }),
      }),
    ];
    const split = splitRows(rows);
    expect(split.patients.map((r) => r.stayId)).toEqual(['a', 'b']);
    expect(split.staff.map((r) => r.stayId)).toEqual(['x']);
    expect(totals(rows)).toEqual({ patients: 2, billable: 1, minutesPresent: 180 });
  });
});

describe('corrections', () => {
  it('needs whole minutes in range, a reason, and a change', () => {
    const current = summary({ minutesPresent: 150 });
    expect(checkCorrection('', 'Audio trouble', current)).toEqual({
      ok: false,
      problem: 'valueRequired',
    });
    expect(checkCorrection('12.5', 'Audio trouble', current)).toEqual({
      ok: false,
      problem: 'valueRange',
    });
    expect(checkCorrection('-1', 'Audio trouble', current)).toEqual({
      ok: false,
      problem: 'valueRange',
    });
    expect(checkCorrection('1441', 'Audio trouble', current)).toEqual({
      ok: false,
      problem: 'valueRange',
    });
    // A three-hour group allows up to seven hours (two either side); 900 is a typo.
    const limit = correctionLimit({ startsAt: 0, durationMinutes: 180, endedAt: 170 * 60_000 });
    expect(limit).toBe(420);
    expect(checkCorrection('900', 'Audio trouble', current, limit)).toEqual({
      ok: false,
      problem: 'valueRange',
    });
    expect(checkCorrection('420', 'Audio trouble', current, limit)).toEqual({
      ok: true,
      value: 420,
    });
    // A session that ran over allows for it.
    expect(correctionLimit({ startsAt: 0, durationMinutes: 180, endedAt: 200 * 60_000 })).toBe(440);
    expect(checkCorrection('160', '  ok ', current)).toEqual({
      ok: false,
      problem: 'reasonRequired',
    });
    expect(checkCorrection('150', 'Audio trouble', current)).toEqual({
      ok: false,
      problem: 'unchanged',
    });
    expect(checkCorrection(' 160 ', 'Audio trouble', current)).toEqual({ ok: true, value: 160 });
  });
});

describe('sign-off state', () => {
  it('waits for the session to end', () => {
    const r = roster();
    r.session.status = 'live';
    expect(signoffState(r, 'c1')).toEqual({ kind: 'notEnded', status: 'live' });
  });

  it('is ready, then signed, then asks again after a later correction', () => {
    expect(signoffState(roster(), 'c1').kind).toBe('ready');
    const signoff = { id: 'so', sessionId: 's1', signedBy: 'c1', signedAt: 100, note: null };
    expect(signoffState(roster({ signoffs: [signoff] }), 'c1').kind).toBe('signed');
    expect(signoffState(roster({ signoffs: [signoff] }), 'someone-else').kind).toBe('ready');
    const later = row({
      corrections: [
        {
          id: 'c',
          stayId: 'st1',
          authorId: 'c2',
          reason: 'Fix',
          createdAt: 200,
          field: 'minutesPresent',
          value: 1,
        },
      ],
    });
    expect(signoffState(roster({ signoffs: [signoff], rows: [later] }), 'c1').kind).toBe(
      'changedSinceSigned',
    );
  });
});
