import { describe, expect, it } from 'vitest';
import { type Messages } from '../../i18n';
import { describeParity } from '../../i18n/testing';
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

describeParity(sets);

describe('staff error sentences', () => {
  it('replace the same codes in both languages', () => {
    expect(Object.keys(staffOverrides.es).sort()).toEqual(Object.keys(staffOverrides.en).sort());
  });
});
