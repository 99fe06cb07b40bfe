import { describe, expect, it } from 'vitest';
import { US_STATES as PROTOCOL_STATES } from '@haven/protocol';
import { textsOf, type Messages } from '../../i18n';
import { describeParity } from '../../i18n/testing';
import { attendanceMessages } from './attendance/messages';
import { auditMessages } from './audit/messages';
import { KNOWN_ACTIONS } from './audit/describe';
import { commonMessages } from './common/messages';
import { US_STATES } from './common/states';
import { PURPOSES } from './common/types';
import { peopleMessages } from './people/messages';
import { programMessages } from './programs/messages';
import { sessionMessages } from './sessions/messages';

const SETS: Record<string, Messages<string>> = {
  common: commonMessages,
  people: peopleMessages,
  programs: programMessages,
  attendance: attendanceMessages,
  sessions: sessionMessages,
  audit: auditMessages,
};

describeParity(SETS);

describe('lists the admin pages keep', () => {
  it('offers the same states as the server accepts', () => {
    expect([...US_STATES]).toEqual([...PROTOCOL_STATES]);
  });

  it('names every purpose and every known audit action in both languages', () => {
    for (const p of PURPOSES) expect(textsOf(commonMessages, 'es')?.[`purpose.${p}`]).toBeTruthy();
    for (const a of KNOWN_ACTIONS) {
      expect(auditMessages.en[`a.${a}` as keyof typeof auditMessages.en], a).toBeTruthy();
      expect(
        textsOf(auditMessages, 'es')?.[`a.${a}` as keyof typeof auditMessages.en],
        a,
      ).toBeTruthy();
    }
  });
});
