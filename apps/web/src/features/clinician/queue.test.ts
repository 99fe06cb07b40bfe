import { clearToAdmitAll, type PublicParticipant, type WaitingEntry } from '@haven/protocol';
import { describe, expect, it } from 'vitest';
import {
  concerns,
  WARNINGS,
  formatWait,
  handQueue,
  isLongWait,
  micState,
  orderQueue,
  others,
} from './queue';
import { fakeParticipant } from '../../call/testing';

const entry = (over: Partial<WaitingEntry> = {}): WaitingEntry => ({
  participantId: 'p1',
  displayName: 'Ana B.',
  waitingSince: 1_000,
  checkIn: {
    location: 'Kitchen',
    state: 'NY',
    atHome: true,
    privatePlace: true,
    emergencyContact: { name: 'Robin', phone: '555-0100' },
    agreedToRules: true,
  },
  returned: false,
  lateArrival: false,
  connected: true,
  ...over,
});

const person = (over: Partial<PublicParticipant> = {}): PublicParticipant =>
  fakeParticipant(over.id ?? 'a', { displayName: 'Ana B.', ...over });

describe('wait times', () => {
  it('counts seconds, then minutes and seconds, then hours and minutes', () => {
    expect(formatWait(0)).toBe('0 s');
    expect(formatWait(45_900)).toBe('45 s');
    expect(formatWait(60_000)).toBe('1 min 00 s');
    expect(formatWait(3 * 60_000 + 5_000)).toBe('3 min 05 s');
    expect(formatWait(59 * 60_000 + 59_999)).toBe('59 min 59 s');
    expect(formatWait(3_600_000)).toBe('1 h 00 min');
    expect(formatWait(3_600_000 + 2 * 60_000 + 30_000)).toBe('1 h 02 min');
  });

  it('never shows a negative wait when clocks disagree', () => {
    expect(formatWait(-5_000)).toBe('0 s');
  });

  it('marks waits of five minutes and more as long', () => {
    expect(isLongWait(4 * 60_000 + 59_999)).toBe(false);
    expect(isLongWait(5 * 60_000)).toBe(true);
  });
});

describe('queue ordering', () => {
  it('puts the waiting room in order of arrival, ties by name then id', () => {
    const queue = orderQueue([
      entry({ participantId: 'c', displayName: 'Cy', waitingSince: 300 }),
      entry({ participantId: 'b2', displayName: 'Bo', waitingSince: 200 }),
      entry({ participantId: 'a', displayName: 'Al', waitingSince: 200 }),
      entry({ participantId: 'b1', displayName: 'Bo', waitingSince: 200 }),
      entry({ participantId: 'z', displayName: 'Zed', waitingSince: 100 }),
    ]);
    expect(queue.map((e) => e.participantId)).toEqual(['z', 'a', 'b1', 'b2', 'c']);
  });

  it('does not reorder the array it was given', () => {
    const given = [
      entry({ participantId: 'b', waitingSince: 2 }),
      entry({ participantId: 'a', waitingSince: 1 }),
    ];
    orderQueue(given);
    expect(given.map((e) => e.participantId)).toEqual(['b', 'a']);
  });

  it('orders raised hands by when they went up and leaves out lowered ones', () => {
    const hands = handQueue([
      person({ id: 'late', handRaisedAt: 30 }),
      person({ id: 'none' }),
      person({ id: 'first', handRaisedAt: 10 }),
      person({ id: 'second', handRaisedAt: 20 }),
    ]);
    expect(hands.map((p) => p.id)).toEqual(['first', 'second', 'late']);
  });

  it('lists staff before patients, each by name, without oneself', () => {
    const list = others(
      [
        person({ id: 'me', role: 'clinician', displayName: 'Me' }),
        person({ id: 'p2', displayName: 'Zoe' }),
        person({ id: 'p1', displayName: 'Ana' }),
        person({ id: 'co', role: 'clinician', displayName: 'Cory' }),
      ],
      'me',
    );
    expect(list.map((p) => p.id)).toEqual(['co', 'p1', 'p2']);
  });
});

describe('check-in concerns', () => {
  it('has none for a patient at home, in private, on time', () => {
    expect(concerns(entry())).toEqual([]);
  });

  it('flags a lost connection first, and leaves that person out of "Admit all"', () => {
    const gone = entry({ participantId: 'p2', connected: false });
    expect(concerns(gone)).toEqual(['offline']);
    expect([entry(), gone].filter(clearToAdmitAll).map((e) => e.participantId)).toEqual(['p1']);
  });

  it('leaves out of "Admit all" anyone without check-in answers or not in a private place', () => {
    const away = entry({ participantId: 'p2' });
    if (away.checkIn) away.checkIn = { ...away.checkIn, privatePlace: false };
    const unchecked = entry({ participantId: 'p3', checkIn: null });
    const notHome = entry({ participantId: 'p4' });
    if (notHome.checkIn) notHome.checkIn = { ...notHome.checkIn, atHome: false };
    const clear = [entry(), away, unchecked, notHome].filter(clearToAdmitAll);
    // Away from home is a fact for the claim, not a reason to hold someone back.
    expect(clear.map((e) => e.participantId)).toEqual(['p1', 'p4']);
    // The console's warnings mark exactly those left out.
    const late = entry({ participantId: 'p5', connected: false, lateArrival: true });
    for (const e of [entry(), away, unchecked, notHome, late])
      expect(concerns(e).some((c) => WARNINGS.has(c))).toBe(!clearToAdmitAll(e));
  });

  it('flags a missing check-in, no privacy, away from home, late and returned', () => {
    expect(concerns(entry({ checkIn: null, lateArrival: true, returned: true }))).toEqual([
      'noCheckIn',
      'late',
      'returned',
    ]);
    const away = entry();
    if (away.checkIn) away.checkIn = { ...away.checkIn, atHome: false, privatePlace: false };
    expect(concerns(away)).toEqual(['notPrivate', 'notHome']);
  });
});

describe('microphone state', () => {
  const mic = (paused: boolean) => ({
    producerId: 'm',
    participantId: 'a',
    kind: 'audio' as const,
    source: 'mic' as const,
    paused,
  });

  it('reads the producer when the person shares the viewer’s space', () => {
    expect(micState(person({ producers: [mic(false)] }), true)).toBe('on');
    expect(micState(person({ producers: [mic(true)] }), true)).toBe('off');
    expect(micState(person(), true)).toBe('off');
  });

  it('is unknown for someone in another space', () => {
    expect(micState(person({ space: 'stepout:x' }), false)).toBe('unknown');
  });
});
