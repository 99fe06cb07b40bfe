import { beforeAll, describe, expect, it } from 'vitest';
import { loadTexts, textsOf, type Messages } from '../../i18n';
import { staffOverrides } from '../staff/errors';
import { staffMessages } from '../staff/messages';
import { consoleMessages } from './console/messages';
import { rosterMessages } from './roster/messages';
import { todayMessages } from './todayMessages';

const sets: Record<string, Messages<string>> = {
  staff: staffMessages,
  today: todayMessages,
  console: consoleMessages,
  roster: rosterMessages,
};

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

beforeAll(() => loadTexts('es'));

describe.each(Object.entries(sets))('%s messages', (_name, messages) => {
  it('has the same keys in English and Spanish', () => {
    expect(Object.keys(textsOf(messages, 'es') ?? {}).sort()).toEqual(
      Object.keys(messages.en).sort(),
    );
  });

  it('uses the same placeholders in both languages, and no empty text', () => {
    for (const key of Object.keys(messages.en)) {
      const en = messages.en[key] ?? '';
      const es = textsOf(messages, 'es')?.[key] ?? '';
      expect(en.trim(), key).not.toBe('');
      expect(es.trim(), key).not.toBe('');
      expect(placeholders(es), key).toEqual(placeholders(en));
    }
  });
});

describe('staff error sentences', () => {
  it('replace the same codes in both languages', () => {
    expect(Object.keys(staffOverrides.es).sort()).toEqual(Object.keys(staffOverrides.en).sort());
  });
});
