import { describe, expect, it } from 'vitest';
import {
  CheckIn,
  ClientRequests,
  CreateGroupBody,
  DtlsParameters,
  ERROR_CODES,
  HTTP_STATUS,
  RtpParameters,
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
});
