import { CheckIn, US_STATES } from '@haven/protocol';
import { describe, expect, it } from 'vitest';
import {
  emptyDraft,
  firstProblem,
  phoneProblem,
  validateCheckIn,
  type CheckInDraft,
} from './checkIn';
import { STATE_CODES, stateName, stateNames } from './states';
import spanishStates from './states.es';

const filled = (overrides: Partial<CheckInDraft> = {}): CheckInDraft => ({
  location: '  Home, Albany  ',
  state: 'NY',
  atHome: 'yes',
  privatePlace: 'no',
  contactName: ' Robin Doe ',
  contactPhone: '(518) 555-0100',
  agreedToRules: true,
  ...overrides,
});

describe('check-in validation', () => {
  it('turns a complete draft into a check-in the server accepts', () => {
    const result = validateCheckIn(filled());
    expect(result).toEqual({
      ok: true,
      value: {
        location: 'Home, Albany',
        state: 'NY',
        atHome: true,
        privatePlace: false,
        emergencyContact: { name: 'Robin Doe', phone: '(518) 555-0100' },
        agreedToRules: true,
      },
    });
    if (result.ok) expect(CheckIn.parse(result.value)).toEqual(result.value);
  });

  it('names every missing answer of an empty form, in page order', () => {
    const result = validateCheckIn(emptyDraft());
    expect(result).toEqual({
      ok: false,
      problems: {
        location: 'required',
        state: 'choose',
        atHome: 'choose',
        privatePlace: 'choose',
        contactName: 'required',
        contactPhone: 'required',
        agreedToRules: 'agree',
      },
    });
    if (!result.ok) expect(firstProblem(result.problems)).toBe('location');
  });

  it('does not accept blanks, unknown states or overlong answers', () => {
    const result = validateCheckIn(
      filled({ location: '   ', state: 'ZZ', contactName: 'x'.repeat(121) }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual({
        location: 'required',
        state: 'choose',
        contactName: 'tooLong',
      });
      expect(firstProblem(result.problems)).toBe('location');
    }
    expect(validateCheckIn(filled({ location: 'y'.repeat(201) }))).toMatchObject({
      problems: { location: 'tooLong' },
    });
  });

  it('requires the agreement to the group rules', () => {
    expect(validateCheckIn(filled({ agreedToRules: false }))).toEqual({
      ok: false,
      problems: { agreedToRules: 'agree' },
    });
  });

  it('accepts phone numbers as people write them, and refuses what cannot be dialled', () => {
    for (const ok of ['555-0100 123', '+1 518 555 0100', '(518) 555.0100', '5185550100'])
      expect(phoneProblem(ok)).toBeNull();
    expect(phoneProblem('  ')).toBe('required');
    expect(phoneProblem('555')).toBe('phone');
    expect(phoneProblem('call my mom')).toBe('phone');
    expect(phoneProblem('1'.repeat(16))).toBe('phone');
    expect(phoneProblem('1 '.repeat(21))).toBe('tooLong');
  });
});

describe('state list', () => {
  it('holds exactly the protocol’s codes, in its order', () => {
    expect(STATE_CODES).toEqual([...US_STATES]);
    expect(Object.keys(stateNames.en)).toEqual([...US_STATES]);
    expect(stateName('NY', stateNames.en.NY)).toBe('New York (NY)');
    expect(stateName('NY', spanishStates.NY)).toBe('Nueva York (NY)');
    expect(spanishStates.TX).toBe('Texas');
  });
});
