import type { Notice } from '@haven/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTexts, LOCALES } from '../../i18n';
import { endText, noticeText } from './texts';

const notices: Notice[] = [
  { kind: 'muted', locked: true },
  { kind: 'muted', locked: false },
  { kind: 'micUnlocked' },
  { kind: 'cameraStopped', locked: false },
  { kind: 'cameraStopped', locked: true },
  { kind: 'handLowered' },
  { kind: 'steppedOut', withName: 'Dr. Rivera' },
  { kind: 'returnedToGroup' },
  { kind: 'sentToWaiting' },
  { kind: 'leadChanged', leadName: 'Sam K.' },
  { kind: 'sessionOnHold', until: 0 },
  { kind: 'sessionResumed' },
];

beforeAll(() => loadTexts('es'));

describe.each(LOCALES)('notice texts in %s', (locale) => {
  it.each(notices)('says something for $kind', (notice) => {
    const text = noticeText(notice, locale, () => '7:30');
    expect(text).toMatch(/^[A-ZÁÉÍÓÚÑ¿¡].*\.$/);
    expect(text).not.toMatch(/[{}]/);
  });

  it('names people and times', () => {
    expect(noticeText({ kind: 'steppedOut', withName: 'Dr. Rivera' }, locale)).toContain(
      'Dr. Rivera',
    );
    expect(noticeText({ kind: 'leadChanged', leadName: 'Sam K.' }, locale)).toContain('Sam K.');
    expect(noticeText({ kind: 'sessionOnHold', until: 0 }, locale, () => '7:30')).toContain('7:30');
  });
});

describe('end texts', () => {
  it('offers to rejoin only where it makes sense', () => {
    expect(endText({ state: 'left' }, 'en')?.canRejoin).toBe(true);
    expect(endText({ state: 'ended', reason: 'server_shutdown' }, 'en')?.canRejoin).toBe(true);
    expect(endText({ state: 'ended', reason: 'ended_by_clinician' }, 'en')?.canRejoin).toBe(false);
    expect(endText({ state: 'ended', reason: 'clinician_timeout' }, 'es')?.canRejoin).toBe(false);
    expect(endText({ state: 'removed', kind: 'denied', message: null }, 'en')?.canRejoin).toBe(
      false,
    );
    // Joined from another window: not a removal, and this window may take the call back.
    const replaced = endText({ state: 'removed', kind: 'replaced', message: null }, 'es');
    expect(replaced).toMatchObject({ title: 'Esta sesión está abierta en otra ventana' });
    expect(replaced?.canRejoin).toBe(true);
  });

  it('shows the clinician message on removal', () => {
    expect(
      endText({ state: 'removed', kind: 'removed', message: 'See you Thursday.' }, 'es')?.body,
    ).toBe('See you Thursday.');
  });

  it('speaks the language asked for', () => {
    expect(endText({ state: 'left' }, 'en')?.title).toBe('You left the session');
    expect(endText({ state: 'left' }, 'es')?.title).toBe('Salió de la sesión');
  });

  it('has nothing to say while the stay goes on', () => {
    expect(endText({ state: 'admitted', space: 'main' }, 'en')).toBeNull();
    expect(
      endText(
        { state: 'waiting', message: null, lateArrival: false, clinicianPresent: false },
        'en',
      ),
    ).toBeNull();
  });
});
