import { describe, expect, it } from 'vitest';
import {
  dayBounds,
  invitable,
  longDate,
  mailtoHref,
  smsHref,
  todayQuery,
  todaysSessions,
  zonedDateTime,
} from './today';
import type { ClinicSession, EnrolledPatient } from './types';

const noon = new Date(2025, 4, 14, 12, 0).getTime();
const at = (h: number, m = 0, dayOffset = 0) => new Date(2025, 4, 14 + dayOffset, h, m).getTime();

const session = (over: Partial<ClinicSession>): ClinicSession => ({
  id: 's',
  kind: 'group',
  programId: 'p',
  groupId: 'g',
  patientId: null,
  leadClinicianId: 'c',
  title: 'Group',
  startsAt: noon,
  durationMinutes: 180,
  status: 'scheduled',
  openedAt: null,
  endedAt: null,
  ...over,
});

describe('today', () => {
  it('spans local midnight to midnight', () => {
    const { start, end } = dayBounds(noon);
    expect(new Date(start).getHours()).toBe(0);
    expect(end - start).toBeGreaterThanOrEqual(23 * 3_600_000);
    expect(start).toBeLessThanOrEqual(noon);
    expect(end).toBeGreaterThan(noon);
  });

  it('asks for the evening before too, and only the clinician’s own sessions', () => {
    const query = new URL(todayQuery(at(0, 30)), 'http://x');
    expect(Number(query.searchParams.get('from'))).toBe(at(12, 30, -1));
    expect(query.searchParams.get('mine')).toBe('1');
  });

  it('keeps today’s sessions and any still running from yesterday, by start time', () => {
    const list = todaysSessions(
      [
        session({ id: 'evening', startsAt: at(18) }),
        session({ id: 'morning', startsAt: at(9), status: 'ended' }),
        session({ id: 'late-last-night', startsAt: at(23, 0, -1), status: 'live' }),
        session({ id: 'yesterday-done', startsAt: at(18, 0, -1), status: 'ended' }),
        session({ id: 'yesterday-short', startsAt: at(8, 0, -1), durationMinutes: 60 }),
        session({ id: 'tomorrow', startsAt: at(9, 0, 1) }),
      ],
      noon,
    );
    expect(list.map((s) => s.id)).toEqual(['late-last-night', 'morning', 'evening']);
  });

  it('offers invitations only to active enrolled patients, by name', () => {
    const p = (id: string, displayName: string, active = true): EnrolledPatient => ({
      patient: { id, legalName: id, displayName, contactEmail: null, contactPhone: null, active },
      startDate: '2025-01-01',
      endDate: null,
    });
    expect(invitable([p('2', 'Zoe'), p('1', 'Ana'), p('3', 'Bo', false)]).map((x) => x.id)).toEqual(
      ['1', '2'],
    );
  });

  it('drafts an email and a text message with the link', () => {
    const mail = mailtoHref('ana@example.com', 'Your link', 'Open https://h/join#abc');
    expect(mail).toBe(
      'mailto:ana@example.com?subject=Your%20link&body=Open%20https%3A%2F%2Fh%2Fjoin%23abc',
    );
    expect(mailtoHref(null, 'S', 'B')).toBe('mailto:?subject=S&body=B');
    expect(smsHref('(555) 010-0100', 'Hi & bye')).toBe('sms:5550100100?body=Hi%20%26%20bye');
    expect(smsHref(null, 'x')).toBe('sms:?body=x');
  });
});

describe('times for someone elsewhere', () => {
  // 6 PM in Los Angeles on Monday 23 November 2026 is 02:00 UTC on the 24th.
  const at = Date.UTC(2026, 10, 24, 2, 0);

  it('gives an invitation’s time in the program’s zone, and names the zone', () => {
    expect(zonedDateTime(at, 'en', 'America/Los_Angeles')).toBe(
      'Monday, November 23, 2026 at 6:00 PM PST',
    );
    expect(zonedDateTime(at, 'en', 'America/New_York')).toBe(
      'Monday, November 23, 2026 at 9:00 PM EST',
    );
  });

  it('dates a session in its program’s zone, not the viewer’s', () => {
    expect(longDate(at, 'en', 'America/Los_Angeles')).toBe('Monday, November 23, 2026');
    expect(longDate(at, 'en', 'Europe/Paris')).toBe('Tuesday, November 24, 2026');
  });
});
