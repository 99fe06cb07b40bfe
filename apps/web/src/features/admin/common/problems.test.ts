import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client';
import { codeKey, invalidFields, readProblem, toProblem } from './problems';

describe('reading a failed request', () => {
  it('names the fields a BAD_REQUEST lists, each with a hint', () => {
    const message =
      'Invalid request (email: Invalid email address; password: at least 12 characters; weekdays.0: Too big)';
    expect(invalidFields(message)).toEqual(['email', 'password', 'weekdays']);
    expect(readProblem('BAD_REQUEST', message)).toEqual({
      code: 'BAD_REQUEST',
      known: null,
      fields: { email: 'field.email', password: 'field.password', weekdays: 'field.weekdays' },
      detail: null,
    });
  });

  it('gives an unknown field the generic hint and drops the payload placeholder', () => {
    const p = readProblem('BAD_REQUEST', 'Invalid request (payload: Unrecognized key; color: bad)');
    expect(p.fields).toEqual({ color: 'field.generic' });
  });

  it('says known server sentences in its own words', () => {
    expect(readProblem('CONFLICT', 'a staff user with this email already exists').known).toBe(
      'known.staffEmailTaken',
    );
    expect(readProblem('CONFLICT', 'the patient is already enrolled in this group').known).toBe(
      'known.alreadyEnrolled',
    );
    expect(readProblem('BAD_REQUEST', 'At most a year of weeks at a time.').known).toBe(
      'known.rangeTooLong',
    );
    const zone = readProblem('BAD_REQUEST', 'unknown time zone');
    expect(zone.known).toBe('known.unknownTimeZone');
    expect(zone.fields).toEqual({ timeZone: 'field.timeZone' });
  });

  it('keeps the server’s words only for a validation or conflict it cannot say better', () => {
    expect(readProblem('CONFLICT', 'something new').detail).toBe('something new');
    expect(readProblem('INTERNAL', 'stack trace').detail).toBeNull();
    expect(readProblem('NOT_FOUND', 'No such group.').detail).toBeNull();
  });

  it('reads anything thrown', () => {
    expect(toProblem(new ApiError('FORBIDDEN', 'no', 403))?.code).toBe('FORBIDDEN');
    expect(toProblem(new Error('signed out'))?.code).toBe('UNAUTHENTICATED');
    expect(toProblem(new TypeError('boom'))?.code).toBe('INTERNAL');
    expect(toProblem(new DOMException('aborted', 'AbortError'))).toBeNull();
  });

  it('maps codes to sentences, unknown ones to the generic one', () => {
    expect(codeKey('CONFLICT')).toBe('error.CONFLICT');
    expect(codeKey('MEDIA_ERROR')).toBe('error.INTERNAL');
  });
});
