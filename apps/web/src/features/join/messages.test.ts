import { beforeAll, describe, expect, it } from 'vitest';
import { loadTexts, textsOf, type Messages } from '../../i18n';
import { ERROR_MESSAGES } from '../../ui/errorMessages';
import { sessionMessages } from '../session/messages';
import { noticeMessages } from '../session/texts';
import { checkInMessages } from './checkInMessages';
import { deviceMessages } from './deviceMessages';
import { joinMessages } from './messages';

/** Every message set of the patient's pages, by its exported name. */
const ALL: Record<string, Messages<string>> = {
  joinMessages,
  deviceMessages,
  checkInMessages,
  sessionMessages,
  noticeMessages,
  ERROR_MESSAGES,
};

/** The sources of the join and session pages and of the error sentences, as text. */
const SOURCES = import.meta.glob<string>(
  [
    './*.{ts,tsx}',
    '../session/*.{ts,tsx}',
    '../../ui/errorMessages.ts',
    '!./*.test.ts',
    '!../session/*.test.ts',
  ],
  { query: '?raw', import: 'default', eager: true },
);

/** Names of the `defineMessages` sets declared in those files. */
const declaredSets = (): string[] =>
  Object.values(SOURCES).flatMap((text) =>
    [...text.matchAll(/export const (\w+) = defineMessages/g)].map((m) => m[1] ?? ''),
  );

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('patient page messages', () => {
  beforeAll(() => loadTexts('es'));

  it('covers every message set declared in the join and session pages', () => {
    expect(declaredSets().sort()).toEqual(Object.keys(ALL).sort());
  });

  describe.each(Object.entries(ALL))('%s', (_name, messages) => {
    it('has every key in English and Spanish, and nothing more', () => {
      expect(Object.keys(textsOf(messages, 'es') ?? {}).sort()).toEqual(
        Object.keys(messages.en).sort(),
      );
    });

    it('has no empty text, and the same placeholders in both languages', () => {
      for (const key of Object.keys(messages.en)) {
        const en = messages.en[key] ?? '';
        const es = textsOf(messages, 'es')?.[key] ?? '';
        expect(en.trim(), key).not.toBe('');
        expect(es.trim(), key).not.toBe('');
        expect(placeholders(es), key).toEqual(placeholders(en));
      }
    });
  });
});
