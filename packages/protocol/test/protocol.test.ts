import { describe, expect, it } from 'vitest';
import {
  CheckIn,
  ClientRequests,
  CreateGroupBody,
  DateOnly,
  DtlsParameters,
  ERROR_CODES,
  EnrollBody,
  GenerateSessionsBody,
  HTTP_STATUS,
  RtpParameters,
  UnenrollBody,
  isErrorCode,
} from '../src/index.js';

describe('error codes', () => {
  it('every code has an HTTP status, and only known codes pass the guard', () => {
    for (const code of ERROR_CODES) expect(HTTP_STATUS[code]).toBeGreaterThanOrEqual(400);
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...ERROR_CODES].sort());
    expect(isErrorCode('FORBIDDEN')).toBe(true);
    expect(isErrorCode('forbidden')).toBe(false);
  });
});

describe('check-in', () => {
  const valid = {
    location: ' Kitchen ',
    state: 'TX',
    atHome: true,
    privatePlace: true,
    emergencyContact: { name: 'Sam', phone: '555 0100' },
    agreedToRules: true,
  };

  it('accepts complete answers and trims text', () => {
    expect(CheckIn.parse(valid).location).toBe('Kitchen');
  });

  it('refuses missing agreement, unknown states and empty places', () => {
    expect(CheckIn.safeParse({ ...valid, agreedToRules: false }).success).toBe(false);
    expect(CheckIn.safeParse({ ...valid, state: 'XX' }).success).toBe(false);
    expect(CheckIn.safeParse({ ...valid, location: '   ' }).success).toBe(false);
    expect(CheckIn.safeParse({ ...valid, emergencyContact: { name: 'Sam' } }).success).toBe(false);
  });
});

describe('socket requests', () => {
  it('every request schema refuses unknown fields', () => {
    for (const [name, schema] of Object.entries(ClientRequests)) {
      expect(schema.safeParse({ surprise: 1 }).success, name).toBe(false);
    }
  });

  it('mod:mute defaults to an unlocked mute', () => {
    expect(ClientRequests['mod:mute'].parse({ participantId: 'p', kind: 'audio' })).toEqual({
      participantId: 'p',
      kind: 'audio',
      lock: false,
    });
  });

  it('media parameters are checked for shape', () => {
    expect(DtlsParameters.safeParse({ fingerprints: [] }).success).toBe(false);
    expect(
      DtlsParameters.safeParse({
        role: 'client',
        fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD' }],
      }).success,
    ).toBe(true);
    expect(RtpParameters.safeParse({ codecs: [] }).success).toBe(false);
    expect(
      RtpParameters.safeParse({
        codecs: [{ mimeType: 'audio/opus', payloadType: 300, clockRate: 48000 }],
      }).success,
    ).toBe(false);
  });
});

describe('HTTP bodies', () => {
  it('groups need real weekdays, a time and an IANA time zone', () => {
    const base = {
      programId: 'p',
      name: 'Evening group',
      leadClinicianId: 'c',
      weekdays: [1, 3],
      startTime: '18:00',
      durationMinutes: 180,
      timeZone: 'America/New_York',
    };
    expect(CreateGroupBody.safeParse(base).success).toBe(true);
    expect(CreateGroupBody.safeParse({ ...base, timeZone: 'Mars/Base' }).success).toBe(false);
    expect(CreateGroupBody.safeParse({ ...base, startTime: '6pm' }).success).toBe(false);
    expect(CreateGroupBody.safeParse({ ...base, weekdays: [0] }).success).toBe(false);
  });

  it('dates are real calendar dates written YYYY-MM-DD', () => {
    for (const date of ['2026-11-23', '2024-02-29', '2000-02-29', '1999-12-31', '2026-01-31'])
      expect(DateOnly.safeParse(date).success).toBe(true);
    for (const date of [
      '2024-13-40',
      '2023-02-29',
      '1900-02-29',
      '2026-02-30',
      '2026-04-31',
      '2026-00-10',
      '2026-01-00',
      '2026-1-5',
      '23/11/2026',
      '2026-11-23T00:00:00Z',
    ]) {
      const result = DateOnly.safeParse(date);
      expect(result.success).toBe(false);
      // One issue, in the same words whether the shape or the calendar is wrong.
      expect(result.error?.issues.map((i) => i.message)).toEqual(['a date as YYYY-MM-DD']);
    }
    expect(EnrollBody.safeParse({ patientId: 'p', startDate: '2023-02-29' }).success).toBe(false);
    expect(UnenrollBody.safeParse({ endDate: '2024-13-40' }).success).toBe(false);
    expect(GenerateSessionsBody.safeParse({ from: '2026-02-30', to: '2026-03-06' }).success).toBe(
      false,
    );
    expect(GenerateSessionsBody.safeParse({ from: '2026-02-28', to: '2026-03-06' }).success).toBe(
      true,
    );
  });
});
