import type { Notice } from '@haven/protocol';
import { describe, expect, it } from 'vitest';
import { endText, noticeText } from './texts';

const notices: Notice[] = [
  { kind: 'muted', locked: true },
  { kind: 'muted', locked: false },
  { kind: 'micUnlocked' },
  { kind: 'cameraStopped', locked: false },
  { kind: 'handLowered' },
  { kind: 'steppedOut', withName: 'Dr. Rivera' },
  { kind: 'returnedToGroup' },
  { kind: 'sentToWaiting' },
  { kind: 'leadChanged', leadName: 'Sam K.' },
  { kind: 'sessionOnHold', until: 0 },
  { kind: 'sessionResumed' },
];

describe('notice texts', () => {
  it.each(notices)('says something for $kind', (notice) => {
    expect(noticeText(notice, () => '7:30 PM')).toMatch(/^[A-Z].*\.$/);
  });

  it('names people and times', () => {
    expect(noticeText({ kind: 'steppedOut', withName: 'Dr. Rivera' })).toContain('Dr. Rivera');
    expect(noticeText({ kind: 'sessionOnHold', until: 0 }, () => '7:30 PM')).toContain('7:30 PM');
  });
});

describe('end texts', () => {
  it('offers to rejoin only where it makes sense', () => {
    expect(endText({ state: 'left' })?.canRejoin).toBe(true);
    expect(endText({ state: 'ended', reason: 'server_shutdown' })?.canRejoin).toBe(true);
    expect(endText({ state: 'ended', reason: 'ended_by_clinician' })?.canRejoin).toBe(false);
    expect(endText({ state: 'removed', kind: 'denied', message: null })?.canRejoin).toBe(false);
  });

  it('shows the clinician message on removal', () => {
    expect(endText({ state: 'removed', kind: 'removed', message: 'See you Thursday.' })?.body).toBe(
      'See you Thursday.',
    );
  });

  it('has nothing to say while the stay goes on', () => {
    expect(endText({ state: 'admitted', space: 'main' })).toBeNull();
    expect(endText({ state: 'waiting', message: null, lateArrival: false })).toBeNull();
  });
});
