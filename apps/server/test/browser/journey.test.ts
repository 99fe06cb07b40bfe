import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, seedClinic, type Clinic } from '../helpers/clinic.js';
import { startServer, TestClock, type TestServer } from '../helpers/server.js';
import {
  WEB_DIST,
  expectReceiving,
  fillCheckIn,
  inviteLink,
  launchBrowser,
  newPage,
  passDeviceCheck,
  receiveStats,
  screenshot,
  selfId,
  seriousA11yProblems,
} from './browser.js';
import { chooseFromMenu, row, signInThroughUi } from './staff.js';
import {
  addDays,
  adminPage,
  choose,
  newYorkToday,
  readCsv,
  signInAsAdmin,
} from './admin-helpers.js';

const MIN = 60_000;

/** The Monday of the week holding `iso` ('YYYY-MM-DD'). */
const mondayOf = (iso: string): string => {
  const weekday = new Date(Date.parse(`${iso}T12:00:00Z`)).getUTCDay() || 7;
  return addDays(iso, 1 - weekday);
};

/**
 * One group session end to end, in four real browser pages through the real server and
 * the built web app: two patients check in and wait unseen, the clinician admits them,
 * moderates, steps out, removes one, ends and signs off; the administrator finds the
 * minutes in every attendance view and in the exported CSV. The server's ledger runs on
 * a clock frozen at the session's start and moved between steps, so the minutes are exact:
 *
 * - Pat 0 arrives at +0, is admitted at +0 and removed at +90: 90 minutes, not billable.
 * - Pat 1 arrives at +0, is admitted at +2 and stays to the end at +150: 148 minutes.
 * - The clinician joins at +0 and ends the session at +150: 150 minutes.
 */
describe('a group session from the waiting room to the exported attendance', () => {
  let server: TestServer;
  let browser: Browser;
  let clinic: Clinic;
  let startsAt = 0;
  const clock = new TestClock();
  // Another build of the web app may be named, so a rebuild elsewhere cannot pull it away mid-run.
  const webDir = process.env['HAVEN_TEST_WEB_DIR'] ?? WEB_DIST;

  beforeAll(async () => {
    server = await startServer({ env: { HAVEN_WEB_DIR: webDir }, clock });
    clinic = await seedClinic(server, { patients: 2 });
    const session = await server.app.db.sessions.byId(clinic.session1);
    startsAt = session?.startsAt ?? 0;
    clock.freeze(startsAt);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Runs axe-core on the page as it is now and saves a screenshot of it. */
  const check = async (page: Page, name: string): Promise<void> => {
    expect(await seriousA11yProblems(page), name).toEqual([]);
    await screenshot(page, `journey-${name}`);
  };
  /** Moves the server's clock to `minutes` after the session's scheduled start. */
  const at = (minutes: number): void => clock.freeze(startsAt + minutes * MIN);
  const live = () => server.app.clinic.registry.live(clinic.session1);
  const tile = (page: Page, participantId: string) =>
    page.locator(`[data-testid="tile"][data-participant-id="${participantId}"]`);
  const notice = (page: Page, kind: string) =>
    page.locator(`[data-testid="notice"][data-kind="${kind}"]`);
  const audioPackets = async (page: Page, participantId: string): Promise<number> =>
    (await receiveStats(page))
      .filter((r) => r.participantId === participantId && r.kind === 'audio')
      .reduce((sum, r) => sum + r.packetsReceived, 0);

  /** A patient follows the invitation: device check, check-in, then the waiting room. */
  const patientWaits = async (patientId: string, name?: string): Promise<Page> => {
    const page = await newPage(browser);
    await page.goto(await inviteLink(server, clinic, patientId));
    if (name) {
      await page.getByTestId('device-check').waitFor();
      await page
        .locator('[data-testid="device-preview"][data-live="true"]')
        .waitFor({ timeout: 15_000 });
      await check(page, `${name}-device-check`);
    }
    await passDeviceCheck(page);
    await page.getByTestId('check-in').waitFor();
    await fillCheckIn(page);
    if (name) await check(page, `${name}-check-in`);
    await page.getByTestId('check-in-submit').click();
    await page.getByTestId('waiting-room').waitFor({ timeout: 20_000 });
    return page;
  };

  it(
    'checks in, waits unseen, is admitted, moderated, removed or kept, ended, signed and exported',
    { timeout: 240_000 },
    async () => {
      // Two patients check in at the session's start and wait; neither sees the other.
      const ana = await patientWaits(clinic.patients[0] ?? '', 'patient-1');
      await check(ana, 'patient-2-waiting-room');
      const ben = await patientWaits(clinic.patients[1] ?? '');
      const anaId = await selfId(ana);
      const benId = await selfId(ben);
      for (const [page, other] of [
        [ana, 'Pat 1'],
        [ben, 'Pat 0'],
      ] as const) {
        expect(await page.getByTestId('tile').count()).toBe(0);
        expect(await page.locator('video[data-source]').count()).toBe(1);
        expect(await page.content()).not.toContain(other);
      }

      // The clinician signs in, opens the session and finds both in the waiting room.
      const lead = await newPage(browser);
      await signInThroughUi(lead, server.url, 'lead@clinic.test', PASSWORD);
      const card = lead.locator(
        `[data-testid="session-card"][data-session-id="${clinic.session1}"]`,
      );
      await card.waitFor();
      await check(lead, 'clinician-1-today');
      await card.getByTestId('session-open').click();
      await lead.waitForURL(`**/clinician/sessions/${clinic.session1}`);
      await lead.getByTestId('session-status').waitFor({ timeout: 20_000 });
      await lead.getByTestId('tab-waiting').click();
      await expect
        .poll(() => lead.getByTestId('waiting-entry').count(), { timeout: 10_000 })
        .toBe(2);
      for (const id of [anaId, benId])
        expect(
          await row(lead, 'waiting-entry', id).getByTestId('checkin-location').textContent(),
        ).toBe('Home, Albany · NY');
      await check(lead, 'clinician-2-waiting');

      // Admitted one by one: Pat 0 at +0, Pat 1 at +2 minutes.
      await row(lead, 'waiting-entry', anaId).getByTestId('admit').click();
      await ana.getByTestId('session-view').waitFor({ timeout: 20_000 });
      const leadId = await selfId(lead);
      await expectReceiving(lead, anaId);
      await expectReceiving(ana, leadId);
      expect(await ben.getByTestId('waiting-room').count()).toBe(1);
      at(2);
      await row(lead, 'waiting-entry', benId).getByTestId('admit').click();
      await ben.getByTestId('session-view').waitFor({ timeout: 20_000 });
      await expect.poll(() => lead.getByTestId('waiting-entry').count()).toBe(0);

      // They see and hear each other, and the clinician.
      await expectReceiving(ana, benId);
      await expectReceiving(ben, anaId);
      await expectReceiving(ben, leadId);
      await expectReceiving(lead, benId);
      await tile(ana, benId).waitFor();
      await tile(ben, anaId).waitFor();
      await check(ana, 'patient-3-session');

      // At +10 the clinician mutes and locks Pat 0's microphone: the patient's page says so,
      // the server pauses the producer and Pat 1 stops receiving the sound.
      at(10);
      await lead.getByTestId('tab-people').click();
      await row(lead, 'participant-row', anaId)
        .getByTestId('quick-mute')
        .waitFor({ timeout: 10_000 });
      await check(lead, 'clinician-3-people');
      await chooseFromMenu(lead, anaId, 'Mute and lock microphone');
      await notice(ana, 'muted').waitFor();
      await expect
        .poll(() => ana.getByTestId('toggle-mic').getAttribute('aria-pressed'))
        .toBe('false');
      expect(await ana.getByTestId('toggle-mic').isDisabled()).toBe(true);
      await expect
        .poll(
          () =>
            live()
              ?.producersOf(anaId)
              .find((p) => p.source === 'mic')?.paused,
          { timeout: 10_000 },
        )
        .toBe(true);
      await expect
        .poll(() => row(lead, 'participant-row', anaId).textContent())
        .toContain('Microphone locked');
      await expect
        .poll(
          async () => {
            const before = await audioPackets(ben, anaId);
            await ben.waitForTimeout(1_000);
            return (await audioPackets(ben, anaId)) - before;
          },
          { timeout: 15_000 },
        )
        .toBe(0);
      await check(ana, 'patient-4-muted');

      // At +30 the clinician steps out with Pat 1; at +45 they return to the group.
      at(30);
      await chooseFromMenu(lead, benId, 'Talk privately (step out)');
      const banner = lead.getByTestId('private-banner');
      await expect.poll(() => banner.textContent()).toContain('Private conversation with Pat 1');
      await notice(ben, 'steppedOut').waitFor();
      await ben.getByText('Private conversation', { exact: true }).waitFor();
      await expect.poll(() => tile(ana, benId).count(), { timeout: 10_000 }).toBe(0);
      await expect.poll(() => tile(ana, leadId).count(), { timeout: 10_000 }).toBe(0);
      await expect.poll(() => tile(ben, anaId).count(), { timeout: 10_000 }).toBe(0);
      await expectReceiving(ben, leadId);
      await check(lead, 'clinician-4-private');
      await check(ben, 'patient-5-private');
      // The patient's chat is the pair's now, and says so.
      await ben.getByTestId('chat-toggle').click();
      await ben
        .getByTestId('chat-panel')
        .getByRole('heading', { name: /^Private chat with / })
        .waitFor();
      await ben.getByTestId('chat-toggle').click();
      at(45);
      await banner.getByTestId('return-to-group').click();
      await banner.waitFor({ state: 'detached' });
      await notice(ben, 'returnedToGroup').waitFor();
      await expectReceiving(ana, benId);
      await expectReceiving(ana, leadId);
      await tile(ben, anaId).waitFor();

      // At +90 the clinician removes Pat 0, with a reason.
      at(90);
      await chooseFromMenu(lead, anaId, 'Remove from session…');
      const removal = lead.getByTestId('remove-dialog');
      await removal.waitFor();
      await removal.getByTestId('remove-dialog-text').fill('Left the group to take a call.');
      await check(lead, 'clinician-5-remove');
      await removal.getByTestId('remove-dialog-confirm').click();
      await removal.waitFor({ state: 'detached' });
      await ana.locator('[data-testid="end-view"][data-reason="removed"]').waitFor();
      await row(lead, 'participant-row', anaId).waitFor({ state: 'detached' });
      await expect.poll(() => tile(ben, anaId).count(), { timeout: 10_000 }).toBe(0);
      await check(ana, 'patient-6-removed');

      // At +150 the clinician ends the session, asked first, and lands on the roster.
      at(150);
      await lead.getByTestId('end-session').click();
      await lead.getByTestId('end-dialog').waitFor();
      await check(lead, 'clinician-6-end');
      await lead.getByTestId('end-confirm').click();
      await lead.waitForURL(`**/clinician/sessions/${clinic.session1}/roster`);
      await ben.locator('[data-testid="end-view"][data-reason="ended"]').waitFor();
      await check(ben, 'patient-7-ended');

      // The roster: the minutes, the removal and its reason; then the sign-off.
      await expect.poll(() => lead.getByTestId('roster-row').count(), { timeout: 10_000 }).toBe(2);
      const anaRow = lead.getByTestId('roster-row').filter({ hasText: 'Pat 0' });
      const benRow = lead.getByTestId('roster-row').filter({ hasText: 'Pat 1' });
      expect(await anaRow.getByTestId('roster-present').textContent()).toBe('1 h 30 min');
      expect(await benRow.getByTestId('roster-present').textContent()).toBe('2 h 28 min');
      expect(await anaRow.textContent()).toContain('Removed');
      expect(await anaRow.textContent()).toContain('Left the group to take a call.');
      expect(await lead.getByTestId('signoff-state').getAttribute('data-state')).toBe('ready');
      await check(lead, 'clinician-7-roster');
      await lead.getByTestId('signoff-note').fill('Reviewed after group.');
      await lead.getByTestId('signoff-open').click();
      await lead.getByTestId('signoff-dialog').waitFor();
      await lead.getByTestId('signoff-confirm').click();
      await expect
        .poll(() => lead.getByTestId('signoff-state').getAttribute('data-state'))
        .toBe('signed');
      expect(await lead.getByTestId('signoff-list').textContent()).toContain('Signed by Lee Lead');
      await check(lead, 'clinician-8-signed');

      // The administrator finds the session, ended and signed off, with its minutes.
      const sessionDate = newYorkToday(startsAt);
      const weekStart = mondayOf(sessionDate);
      const weekKind = weekStart === mondayOf(newYorkToday()) ? 'current' : 'under';
      const admin = await adminPage(browser);
      await signInAsAdmin(admin, server.url, PASSWORD);
      const nav = async (section: string) => {
        await admin.getByTestId(`admin-nav-${section}`).click();
        await admin.locator(`[data-testid="admin-page"][data-section="${section}"]`).waitFor();
      };
      await nav('sessions');
      const sessionRow = admin.locator(
        `[data-testid="sessions-table"] tr[data-session-id="${clinic.session1}"]`,
      );
      await sessionRow.waitFor();
      expect(await sessionRow.textContent()).toContain('Ended');
      await sessionRow.getByTestId('open-roster').click();
      const roster = admin.getByTestId('roster-dialog');
      const minutesOf = (subjectId: string) =>
        roster.locator(`tr[data-subject-id="${subjectId}"]`).getByTestId('roster-minutes');
      await minutesOf(clinic.patients[0] ?? '').waitFor();
      expect(await minutesOf(clinic.patients[0] ?? '').textContent()).toBe('90');
      expect(await minutesOf(clinic.patients[1] ?? '').textContent()).toBe('148');
      expect(await minutesOf(clinic.leadId).textContent()).toBe('150');
      expect(await roster.textContent()).toContain('Signed off by Lee Lead');
      await check(admin, 'admin-1-session-roster');
      await roster.getByRole('button', { name: 'Close' }).last().click();
      await roster.waitFor({ state: 'detached' });

      // Each patient's week.
      await nav('attendance');
      await choose(admin, 'filter-program', 'Evening IOP');
      await choose(admin, 'filter-group', 'Relapse prevention');
      const expected = [
        { name: 'Pat 0', id: clinic.patients[0] ?? '', minutes: 90, hours: '1.5' },
        { name: 'Pat 1', id: clinic.patients[1] ?? '', minutes: 148, hours: '2.4' },
      ];
      for (const [i, p] of expected.entries()) {
        await choose(admin, 'filter-patient', p.name);
        await admin.getByTestId('attendance-show').click();
        const week = admin.locator(`[data-testid="week-card"][data-week="${weekStart}"]`);
        await expect
          .poll(() => week.getByTestId('week-total').getAttribute('data-minutes'), {
            timeout: 10_000,
          })
          .toBe(String(p.minutes));
        expect(await week.getByTestId('week-total').textContent()).toContain(
          `${p.minutes} min (${p.hours} h) of 9 h required`,
        );
        expect(await week.getByTestId('week-status').getAttribute('data-kind')).toBe(weekKind);
        const session = week.locator(
          `[data-testid="week-session"][data-session-id="${clinic.session1}"]`,
        );
        expect(await session.getAttribute('data-minutes')).toBe(String(p.minutes));
        expect(await session.textContent()).toMatch(
          p.minutes >= 120 ? /· billable$/ : /· not billable$/,
        );
        if (i === 0) await check(admin, 'admin-2-patient-week');
      }

      // The group over weeks: one cell per patient for the session's week.
      await choose(admin, 'filter-patient', 'All patients');
      await admin.getByTestId('attendance-show').click();
      await admin.getByTestId('tab-group-weeks').click();
      const heatmap = admin.getByTestId('heatmap');
      await heatmap.waitFor();
      for (const p of expected) {
        const cell = heatmap.locator(`tr[data-patient-id="${p.id}"] td[data-week="${weekStart}"]`);
        await expect.poll(() => cell.getAttribute('data-minutes')).toBe(String(p.minutes));
        expect(await cell.getAttribute('data-kind')).toBe(weekKind);
      }
      await check(admin, 'admin-3-group-weeks');

      // The export: a download whose rows hold the same minutes.
      await admin.getByTestId('tab-export').click();
      await choose(admin, 'export-purpose', 'Billing');
      await check(admin, 'admin-4-export');
      const [download] = await Promise.all([
        admin.waitForEvent('download'),
        admin.getByTestId('export-submit').click(),
      ]);
      const csv = readCsv((await download.path()) ?? '');
      expect(csv.rows).toHaveLength(2);
      const line = (id: string) => csv.rows.find((r) => r['Patient id'] === id);
      const second = (ms: number) => Math.floor(ms / 1000) * 1000;
      const common = {
        'Week of': weekStart,
        'Session date': sessionDate,
        'Session title': 'Relapse prevention',
        'Billing code': 'H0015',
        Role: 'patient',
        'Minutes audio only': '0',
        'Minutes late': '0',
        Drops: '0',
        'Place of service': '10',
        Modifier: '95',
        Corrected: 'no',
      };
      expect(line(clinic.patients[0] ?? '')).toMatchObject({
        ...common,
        'Patient display name': 'Pat 0',
        'Minutes present': '90',
        'Minutes video': '90',
        'Left early': 'yes',
        'Ended by': 'removed',
        Billable: 'no',
      });
      expect(line(clinic.patients[1] ?? '')).toMatchObject({
        ...common,
        'Patient display name': 'Pat 1',
        'Minutes present': '148',
        'Minutes video': '148',
        'Left early': 'no',
        'Ended by': 'session_ended',
        Billable: 'yes',
      });
      for (const [id, admitted] of [
        [clinic.patients[0] ?? '', 0],
        [clinic.patients[1] ?? '', 2],
      ] as const) {
        expect(Date.parse(line(id)?.['Arrival'] ?? '')).toBe(second(startsAt));
        expect(Date.parse(line(id)?.['Admission'] ?? '')).toBe(second(startsAt + admitted * MIN));
      }
      await expect
        .poll(() => admin.getByTestId('export-status').textContent())
        .toContain('The disclosure was recorded');
      await screenshot(admin, 'journey-admin-5-exported');
    },
  );
});
