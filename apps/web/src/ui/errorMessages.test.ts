import { ERROR_CODES } from '@haven/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ERROR_CODES } from '../call/errors';
import { loadTexts, LOCALES, textsOf } from '../i18n';
import { ERROR_MESSAGES, errorMessage } from './errorMessages';

const CODES = [...ERROR_CODES, ...CLIENT_ERROR_CODES];

describe('error messages', () => {
  beforeAll(() => loadTexts('es'));

  describe.each(LOCALES)('in %s', (locale) => {
    it.each(CODES)('has a sentence for %s', (code) => {
      const text = errorMessage(code, locale);
      expect(text).toBe(textsOf(ERROR_MESSAGES, locale)?.[code]);
      expect(text).toMatch(/^[A-ZÁÉÍÓÚÑ¿¡].*\.$/);
      expect(text).not.toMatch(/[A-Z]{2,}_[A-Z]+/);
    });

    it('maps no more codes than exist', () => {
      expect(Object.keys(textsOf(ERROR_MESSAGES, locale) ?? {}).sort()).toEqual([...CODES].sort());
    });

    it('falls back to the generic sentence for an unknown code', () => {
      expect(errorMessage('SOMETHING_NEW', locale)).toBe(textsOf(ERROR_MESSAGES, locale)?.INTERNAL);
    });
  });

  it('says each thing differently in each language', () => {
    for (const code of CODES) expect(errorMessage(code, 'es')).not.toBe(errorMessage(code, 'en'));
  });

  it('uses the current language when none is given', () => {
    expect(errorMessage('SESSION_ENDED')).toBe(ERROR_MESSAGES.en.SESSION_ENDED);
  });
});
