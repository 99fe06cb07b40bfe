import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, checkIn, patientToken, seedClinic, type Clinic } from '../helpers/clinic.js';
import { WEB_DIST, launchBrowser, newPage, screenshot, seriousA11yProblems } from './browser.js';
import {
  chooseFromMenu as menu,
  patientJoins,
  publishMedia,
  row,
  signInThroughUi,
  tokenFromInvite,
  type SocketPatient,
} from './staff.js';

/**
 * A clinician runs a group session in a real browser, through the real server and the
 * built web app; the patients are socket-level clients publishing media.
 */
describe('the clinician’s session, from sign-in to a signed roster', () => {
  let server: TestServer;
  let browser: Browser;
  let clinic: Clinic;
  const patients: SocketPatient[] = [];

  beforeAll(async () => {
    server = await startServer({ env: { HAVEN_WEB_DIR: WEB_DIST } });
    clinic = await seedClinic(server, { patients: 3 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const p of patients) p.client.close();
    await browser?.close();
    await server?.close();
  });

  const expectAccessible = async (page: Page) =>
    expect(await seriousA11yProblems(page)).toEqual([]);
  const live = () => server.app.clinic.registry.live(clinic.session1);

  it('signs in, invites, admits, moderates, ends, corrects and signs off', async () => {
    const page = await newPage(browser);
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });

    // Sign-in: a wrong password is said plainly; the page speaks Spanish too.
    await page.goto(`${server.url}/login`);
    await page.getByRole('heading', { name: 'Staff sign-in' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'clinician-login');
    await page.getByTestId('login-email').fill('lead@clinic.test');
    await page.getByTestId('login-password').fill('not the password');
    await page.getByTestId('login-submit').click();
    await expect
      .poll(() => page.getByTestId('login-error').textContent())
      .toBe('The email or password is not correct.');
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Acceso del personal' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await signInThroughUi(page, server.url, 'lead@clinic.test', PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/clinician');

    // Today: only the sessions this clinician leads or co-facilitates.
    const card = page.locator(`[data-testid="session-card"][data-session-id="${clinic.session1}"]`);
    await card.waitFor();
    expect(await page.locator(`[data-session-id="${clinic.session2}"]`).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'clinician-today');

    // An invitation link for one enrolled patient: copied, and ready to send.
    await card.getByTestId('invite-open').click();
    const dialog = page.getByTestId('invite-dialog');
    await dialog.getByTestId('invite-patient').selectOption(clinic.patients[0] ?? '');
    await dialog.getByTestId('invite-create').click();
    const url = await dialog.getByTestId('invite-url').inputValue();
    expect(url).toMatch(/\/join#.{16,}$/);
    await dialog.getByTestId('invite-copy').click();
    await expect
      .poll(() => dialog.getByTestId('invite-copy-status').textContent())
      .toBe('Link copied.');
    const clipboard = () =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText();
    expect(await page.evaluate(clipboard)).toBe(url);
    expect(await dialog.getByTestId('invite-mailto').getAttribute('href')).toContain(
      encodeURIComponent(url),
    );
    expect(await dialog.getByTestId('invite-sms').getAttribute('href')).toMatch(/^sms:/);
    await expectAccessible(page);
    await screenshot(page, 'clinician-invite');
    await dialog.getByRole('button', { name: 'Done' }).click();

    // The console; two patients arrive in the waiting room with their check-in answers.
    await card.getByTestId('session-open').click();
    await page.waitForURL(`**/clinician/sessions/${clinic.session1}`);
    await page.getByTestId('session-status').waitFor();
    const ana = await patientJoins(
      server,
      await tokenFromInvite(server, url),
      clinic.session1,
      checkIn(),
    );
    const { token } = await patientToken(
      server,
      clinic.tokens.lead,
      clinic.session1,
      clinic.patients[1] ?? '',
    );
    const ben = await patientJoins(
      server,
      token,
      clinic.session1,
      checkIn({
        location: 'Parked car outside work',
        state: 'NJ',
        atHome: false,
        privatePlace: false,
      }),
    );
    patients.push(ana, ben);
    await page.getByTestId('tab-waiting').click();
    await expect.poll(() => page.getByTestId('waiting-entry').count(), { timeout: 10_000 }).toBe(2);
    const benEntry = row(page, 'waiting-entry', ben.participantId);
    expect(await benEntry.getByTestId('checkin-location').textContent()).toBe(
      'Parked car outside work · NJ',
    );
    expect(await benEntry.locator('.flag').allTextContents()).toEqual([
      'Not in a private place',
      'Not at home',
    ]);
    expect(await row(page, 'waiting-entry', ana.participantId).textContent()).toContain(
      'Robin Doe',
    );
    expect(await benEntry.textContent()).toMatch(/Waiting \d+ s/);
    await expectAccessible(page);
    await screenshot(page, 'clinician-console-waiting');

    // Admitted one by one.
    await row(page, 'waiting-entry', ana.participantId).getByTestId('admit').click();
    await ana.client.waitFor<{ state: string }>(
      'you:status',
      (s) => s.state === 'admitted',
      10_000,
    );
    await expect.poll(() => page.getByTestId('waiting-entry').count()).toBe(1);
    await benEntry.getByTestId('admit').click();
    await ben.client.waitFor<{ state: string }>(
      'you:status',
      (s) => s.state === 'admitted',
      10_000,
    );
    const anaMedia = await publishMedia(ana);
    await publishMedia(ben);

    // Mute and lock one microphone from the per-person menu: the server pauses the producer.
    await page.getByTestId('tab-people').click();
    await row(page, 'participant-row', ana.participantId)
      .getByTestId('quick-mute')
      .waitFor({ timeout: 10_000 });
    await menu(page, ana.participantId, 'Mute and lock microphone');
    await ana.client.waitFor<{ kind: string; locked?: boolean }>(
      'you:notice',
      (n) => n.kind === 'muted' && n.locked === true,
    );
    await expect
      .poll(() => live()?.peer(ana.participantId)?.producer(anaMedia.micId)?.paused, {
        timeout: 10_000,
      })
      .toBe(true);
    await expect
      .poll(() => row(page, 'participant-row', ana.participantId).textContent())
      .toContain('Microphone locked');
    await expectAccessible(page);
    await screenshot(page, 'clinician-console-session');

    // A private word with the other patient, then back to the group.
    await menu(page, ben.participantId, 'Talk privately (step out)');
    await ben.client.waitFor<{ state: string; space?: string }>(
      'you:status',
      (s) => s.space?.startsWith('stepout:') === true,
    );
    const banner = page.getByTestId('private-banner');
    await expect.poll(() => banner.textContent()).toContain('Private conversation with Pat 1');
    await screenshot(page, 'clinician-console-private');
    ben.client.clear();
    await banner.getByTestId('return-to-group').click();
    await ben.client.waitFor<{ state: string; space?: string }>(
      'you:status',
      (s) => s.space === 'main',
    );
    await banner.waitFor({ state: 'detached' });

    // Removal needs a reason.
    await menu(page, ana.participantId, 'Remove from session…');
    const removal = page.getByTestId('remove-dialog');
    await removal.getByTestId('remove-dialog-confirm').click();
    await removal.getByText('Please write something here.').waitFor();
    expect(live()?.room.get(ana.participantId)?.admitted).toBe(true);
    await removal.getByTestId('remove-dialog-text').fill('Disruptive; will follow up by phone.');
    await removal.getByTestId('remove-dialog-confirm').click();
    await ana.client.waitFor('you:removed');
    await row(page, 'participant-row', ana.participantId).waitFor({ state: 'detached' });

    // Ending asks first, then leads to the roster.
    await page.getByTestId('end-session').click();
    await page.getByTestId('end-dialog').getByRole('button', { name: 'Cancel' }).click();
    expect(live()?.ended).toBe(false);
    await page.getByTestId('end-session').click();
    await page.getByTestId('end-confirm').click();
    await page.waitForURL(`**/clinician/sessions/${clinic.session1}/roster`);
    await ben.client.waitFor('session:ended');

    // The roster: one row per patient, the removal and its reason on record.
    await expect.poll(() => page.getByTestId('roster-row').count(), { timeout: 10_000 }).toBe(2);
    const anaRow = page.getByTestId('roster-row').filter({ hasText: 'Pat 0' });
    expect(await anaRow.textContent()).toContain('Removed');
    expect(await anaRow.textContent()).toContain('Disruptive; will follow up by phone.');
    await expectAccessible(page);
    await screenshot(page, 'clinician-roster');
    // Staff are on the roster for the record, with no claim fields.
    await page.getByTestId('roster-tab-staff').click();
    const staffRow = page.getByTestId('roster-row').filter({ hasText: 'Lee Lead' });
    expect(
      await staffRow
        .locator('td')
        .evaluateAll((cells) => cells.slice(-4, -1).map((c) => c.textContent)),
    ).toEqual(['—', '—', '—']);
    await page.getByTestId('roster-tab-patients').click();

    // A correction needs a reason; the recorded figure stays next to the corrected one.
    const benRow = page.getByTestId('roster-row').filter({ hasText: 'Pat 1' });
    await benRow.getByTestId('roster-correct').click();
    const correction = page.getByTestId('correction-dialog');
    await correction.getByTestId('correction-value').fill('150');
    await correction.getByTestId('correction-save').click();
    await expect
      .poll(() => correction.getByTestId('correction-problem').textContent())
      .toBe('Please give a reason of at least three characters.');
    await correction
      .getByTestId('correction-reason')
      .fill('Audio dropped; attendance confirmed by phone.');
    await correction.getByTestId('correction-save').click();
    await correction.waitFor({ state: 'detached' });
    await expect
      .poll(() => benRow.getByTestId('roster-present').textContent())
      .toMatch(/^2 h 30 minrecorded: \d+ min$/);
    expect(await page.getByTestId('correction-list').textContent()).toContain(
      'Audio dropped; attendance confirmed by phone.',
    );

    // Sign-off, once the session has ended.
    expect(await page.getByTestId('signoff-state').getAttribute('data-state')).toBe('ready');
    await page.getByTestId('signoff-note').fill('Reviewed after group.');
    await page.getByTestId('signoff-open').click();
    await page.getByTestId('signoff-confirm').click();
    await expect
      .poll(() => page.getByTestId('signoff-state').getAttribute('data-state'))
      .toBe('signed');
    expect(await page.getByTestId('signoff-list').textContent()).toContain('Signed by Lee Lead');
    const signoffs = await server.app.db.signoffs.listForSession(clinic.session1);
    expect(signoffs.map((s) => [s.signedBy, s.note])).toEqual([
      [clinic.leadId, 'Reviewed after group.'],
    ]);
    await expectAccessible(page);
    await screenshot(page, 'clinician-roster-signed');

    // Signing out returns to the sign-in page.
    await page.getByTestId('sign-out').click();
    await page.waitForURL((u) => u.pathname === '/login');
    await page.getByText('You have signed out.').waitFor();
  });

  it('fits a 360 px phone: today, an individual session’s console and a roster', async () => {
    const page = await newPage(browser, 360, 740);
    const fits = () =>
      page.evaluate(() => {
        const w = globalThis as unknown as {
          innerWidth: number;
          document: { documentElement: { scrollWidth: number } };
        };
        return w.document.documentElement.scrollWidth <= w.innerWidth;
      });
    await signInThroughUi(page, server.url, 'co@clinic.test', PASSWORD);
    const individual = page.locator(`[data-session-id="${clinic.individual}"]`);
    await individual.waitFor();
    // The co-facilitator also sees the group session, now ended, with its roster.
    await page
      .locator(`[data-session-id="${clinic.session1}"]`)
      .getByTestId('session-roster')
      .waitFor();
    expect(await fits()).toBe(true);
    await screenshot(page, 'clinician-today-360');

    // An individual session's invitation names its one patient without asking.
    await individual.getByTestId('invite-open').click();
    await page.getByTestId('invite-create').click();
    expect(await page.getByTestId('invite-url').inputValue()).toMatch(/\/join#/);
    await page.keyboard.press('Escape');

    await individual.getByTestId('session-open').click();
    await page.getByTestId('session-status').waitFor({ timeout: 20_000 });
    expect(await fits()).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'clinician-console-360');

    await page.goto(`${server.url}/clinician/sessions/${clinic.session1}/roster`);
    await page.getByTestId('roster-table').first().waitFor();
    expect(await fits()).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'clinician-roster-360');
  });
});
