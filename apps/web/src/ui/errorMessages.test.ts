import { ERROR_CODES } from '@haven/protocol';
import { describe, expect, it } from 'vitest';
import { CLIENT_ERROR_CODES } from '../call/errors';
import { ERROR_MESSAGES, errorMessage } from './errorMessages';

describe('error messages', () => {
  it.each([...ERROR_CODES, ...CLIENT_ERROR_CODES])('has a sentence for %s', (code) => {
    const text = errorMessage(code);
    expect(text).toBe(ERROR_MESSAGES[code]);
    expect(text).toMatch(/^[A-Z].*\.$/);
    expect(text).not.toMatch(/[A-Z]{2,}_[A-Z]+/);
  });

  it('maps no more codes than exist', () => {
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual(
      [...ERROR_CODES, ...CLIENT_ERROR_CODES].sort(),
    );
  });

  it('falls back to the generic sentence for an unknown code', () => {
    expect(errorMessage('SOMETHING_NEW')).toBe(ERROR_MESSAGES.INTERNAL);
  });
});
