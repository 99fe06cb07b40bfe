import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WaitingEntry } from '@haven/protocol';
import { seedClinic, staffClient, type Clinic } from '../helpers/clinic.js';
import { startServer, type TestServer } from '../helpers/server.js';
import {
  WEB_DIST,
  fillCheckIn,
  inviteLink,
  launchBrowser,
  newPage,
  passDeviceCheck,
  screenshot,
  seriousA11yProblems,
} from './browser.js';

/**
 * A patient who reads Spanish: the whole way in, in Spanish; a broken link explained in
 * Spanish; and a return to the waiting room that reuses the check-in already given.
 */
describe('a patient in Spanish', () => {
  let server: TestServer;
  let browser: Browser;
  let clinic: Clinic;

  beforeAll(async () => {
    server = await startServer({ env: { HAVEN_WEB_DIR: WEB_DIST } });
    clinic = await seedClinic(server, { patients: 1 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('switches to Spanish, checks in, waits, and comes back without a second check-in', async () => {
    const page = await newPage(browser, 360, 740);
    await page.goto(await inviteLink(server, clinic, clinic.patients[0] ?? ''));
    await page.getByTestId('device-check').waitFor();
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Revise su cámara y su sonido' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.getByRole('button', { name: 'Español' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await seriousA11yProblems(page)).toEqual([]);
    await screenshot(page, 'patient-es-1-device-check');

    await passDeviceCheck(page);
    await page.getByRole('heading', { name: 'Antes de entrar' }).waitFor();
    await page.getByTestId('check-in-submit').click();
    expect(await page.getByTestId('check-in-problems').textContent()).toBe('Revise 7 respuestas:');
    expect(await page.getByText('Acepte las reglas del grupo para entrar.').count()).toBe(1);
    expect(await page.locator('#checkin-state option[value="NY"]').textContent()).toBe(
      'Nueva York (NY)',
    );
    // The same screen with the system's dark colours.
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousA11yProblems(page)).toEqual([]);
    await screenshot(page, 'patient-es-2-check-in-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await fillCheckIn(page);
    await page.getByTestId('check-in-submit').click();

    await page.getByTestId('waiting-room').waitFor({ timeout: 20_000 });
    await page.getByRole('heading', { name: 'Su terapeuta le dejará entrar' }).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await screenshot(page, 'patient-es-3-waiting-room');

    // The clinician writes to the waiting room.
    const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
    const [entry] = await lead.client.waitFor<WaitingEntry[]>(
      'waiting:queue',
      (q) => q.length === 1,
      10_000,
    );
    const participantId = entry?.participantId ?? '';
    await lead.client.ok('mod:messageWaiting', {
      participantId,
      text: 'Empezamos en cinco minutos.',
    });
    await page.getByTestId('waiting-messages').getByText('Empezamos en cinco minutos.').waitFor();

    // Leaving asks first; "Stay" keeps the patient waiting.
    await page.getByTestId('leave-button').click();
    await page.getByRole('alertdialog', { name: '¿Salir de la sala de espera?' }).waitFor();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await screenshot(page, 'patient-es-4-leave-dialog');
    await page.getByRole('button', { name: 'Quedarme' }).click();
    await expect.poll(() => page.getByTestId('leave-dialog').isVisible()).toBe(false);
    expect(await page.getByTestId('waiting-room').count()).toBe(1);

    // Leaving for real, then coming back: the server still has the check-in, so no form.
    await page.getByTestId('leave-button').click();
    await page.getByTestId('leave-confirm').click();
    await page.getByTestId('end-view').waitFor();
    expect(await page.getByTestId('end-view').getAttribute('data-reason')).toBe('left');
    await page.getByTestId('rejoin').click();
    await page.getByTestId('waiting-room').waitFor({ timeout: 20_000 });
    await lead.client.waitFor<WaitingEntry[]>(
      'waiting:queue',
      (q) => q.some((e) => e.returned),
      10_000,
    );

    // A reload keeps the invitation (this tab only) and goes straight back to the waiting room.
    await page.reload();
    await page.getByTestId('device-check').waitFor();
    expect(await page.getByTestId('device-continue').textContent()).toBe(
      'Entrar a la sala de espera',
    );
    await passDeviceCheck(page);
    await page.getByTestId('waiting-room').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('check-in').count()).toBe(0);
    lead.client.close();
  });

  it('shows a Spanish speaker the invitation in Spanish from the first paint', async () => {
    const page = await spanishPage(browser);
    await page.goto(await inviteLink(server, clinic, clinic.patients[0] ?? ''));
    await page.getByRole('heading', { name: 'Revise su cámara y su sonido' }).waitFor();
    await expectNeverShown(page, [
      'Check your camera and sound',
      'Opening your invitation',
      'Steps to join',
    ]);
  });

  it('shows a room link in Spanish from the first paint', async () => {
    const page = await spanishPage(browser);
    await page.goto(`${server.url}/room/${clinic.session1}#token=${clinic.tokens.lead}`);
    await page.getByTestId('leave-button').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('leave-button').textContent()).toBe('Salir');
    await expectNeverShown(page, ['Connecting…', 'Joining your session', 'Leave']);
  });

  it('explains a link that is no longer valid, in the language chosen', async () => {
    const page = await newPage(browser, 360, 740);
    await page.addInitScript(() =>
      (
        globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
      ).localStorage.setItem('haven:locale', 'es'),
    );
    await page.goto(`${server.url}/join#${'x'.repeat(43)}`);
    const failed = page.getByTestId('join-failed');
    await failed.waitFor();
    expect(await failed.getAttribute('data-error-code')).toBe('INVITE_INVALID');
    expect(await failed.textContent()).toContain('Esta invitación ya no es válida');
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.title()).toBe('No pudimos abrir su invitación – Haven');
    expect(await seriousA11yProblems(page)).toEqual([]);
    await screenshot(page, 'patient-es-5-invalid-link');
    // Without any link at all, the page says where to find one.
    await page.goto(`${server.url}/join`);
    await page.getByTestId('join-no-link').waitFor();
  });
});

/** A phone-sized page that remembers Spanish and records every text it shows on the way. */
async function spanishPage(browser: Browser): Promise<Page> {
  const page = await newPage(browser, 360, 740);
  await page.addInitScript(() => {
    const w = globalThis as unknown as {
      localStorage: { setItem(k: string, v: string): void };
      document: { body: { textContent: string } | null };
      MutationObserver: new (cb: () => void) => { observe(n: object, o: object): void };
      shown: string[];
    };
    w.localStorage.setItem('haven:locale', 'es');
    w.shown = [];
    new w.MutationObserver(() => w.shown.push(w.document.body?.textContent ?? '')).observe(
      w.document,
      { childList: true, subtree: true, characterData: true },
    );
  });
  return page;
}

/** The page never showed any of these English texts, and says it is in Spanish. */
async function expectNeverShown(page: Page, english: string[]): Promise<void> {
  const shown = await page.evaluate(() => (globalThis as unknown as { shown: string[] }).shown);
  expect(shown.length).toBeGreaterThan(0);
  for (const text of english)
    expect(
      shown.filter((s) => s.includes(text)),
      text,
    ).toEqual([]);
  expect(await page.getAttribute('html', 'lang')).toBe('es');
}
