import { describe, expect, it } from 'vitest';
import { type Messages } from '../../i18n';
import { describeParity } from '../../i18n/testing';
import { ERROR_MESSAGES } from '../../ui/errorMessages';
import { sessionMessages } from '../session/messages';
import { noticeMessages } from '../session/texts';
import { checkInMessages } from './checkInMessages';
import { deviceMessages } from './deviceMessages';
import { joinMessages } from './messages';
import { stateNames } from './states';

/** Every message set of the patient's pages, by its exported name. */
const ALL: Record<string, Messages<string>> = {
  joinMessages,
  deviceMessages,
  checkInMessages,
  stateNames,
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

describe('patient page messages', () => {
  it('covers every message set declared in the join and session pages', () => {
    expect(declaredSets().sort()).toEqual(Object.keys(ALL).sort());
  });

  describeParity(ALL);
});
