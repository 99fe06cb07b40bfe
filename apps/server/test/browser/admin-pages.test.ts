import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, TestClock, type TestServer } from '../helpers/server.js';
import { PASSWORD, seedClinic, type Clinic } from '../helpers/clinic.js';
import { WEB_DIST, launchBrowser, screenshot, seriousA11yProblems } from './browser.js';
import {
  addDays,
  adminPage,
  choose,
  lastWeeksMonday,
  newYorkToday,
  readCsv,
  runSession,
  signInAsAdmin,
} from './admin-helpers.js';

/**
 * The admin pages in a real browser, through the real server and the built web app: an
 * administrator adds a patient, enrolls them, creates sessions from a schedule, and after
 * a session run at socket level on a controlled clock finds its minutes in every
 * attendance view, exports them, and sees the export in a verified audit log.
 */
describe('the admin pages', () => {
  let server: TestServer;
  let browser: Browser;
  let clinic: Clinic;
  const sessionDate = lastWeeksMonday(newYorkToday());
  // Another build of the web app may be named, so a rebuild elsewhere cannot pull it away mid-run.
  const webDir = process.env['HAVEN_TEST_WEB_DIR'] ?? WEB_DIST;

  beforeAll(async () => {
    server = await startServer({ env: { HAVEN_WEB_DIR: webDir }, clock: new TestClock() });
    clinic = await seedClinic(server);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const expectAccessible = async (page: Page, where: string) =>
    expect(await seriousA11yProblems(page), where).toEqual([]);
  const nav = async (page: Page, section: string) => {
    await page.getByTestId(`admin-nav-${section}`).click();
    await page.locator(`[data-testid="admin-page"][data-section="${section}"]`).waitFor();
  };
  const api = async <T>(url: string): Promise<T> => {
    const res = await server.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${clinic.tokens.admin}` },
    });
    return (res.json() as { data: T }).data;
  };

  /** The test id of the element that has the keyboard focus. */
  const focusedTestId = (page: Page) =>
    page.evaluate(() => {
      type Focused = { getAttribute(name: string): string | null };
      const g = globalThis as unknown as { document: { activeElement: Focused | null } };
      return g.document.activeElement?.getAttribute('data-testid') ?? null;
    });

  it(
    'adds, enrolls, schedules, then finds, charts, exports and audits the minutes',
    { timeout: 240_000 },
    async () => {
      const page = await adminPage(browser);

      // Signed out: a plain page pointing to the sign-in.
      await page.goto(`${server.url}/admin/attendance`);
      await page.getByTestId('admin-signed-out').waitFor();
      expect(await page.getByTestId('admin-sign-in-link').getAttribute('href')).toBe(
        '/login?next=%2Fadmin%2Fattendance',
      );
      await expectAccessible(page, 'signed out');
      await screenshot(page, 'admin-signed-out');
      await signInAsAdmin(page, server.url, PASSWORD);

      // People: a bad email is named by field in plain words; then the patient is added.
      await nav(page, 'people');
      await page.getByTestId('patients-table').waitFor();
      await expectAccessible(page, 'people, patients');
      await page.getByTestId('add-patient').click();
      const dialog = page.getByTestId('patient-dialog');
      await dialog.getByLabel('Legal name').fill('Jordan Rivera Test');
      await dialog.getByLabel('Name shown to the group').fill('Jordan R.');
      await dialog.getByLabel('Contact email').fill('not-an-email');
      await dialog.getByRole('button', { name: 'Add patient' }).click();
      const problem = dialog.getByTestId('admin-problem');
      await problem.waitFor();
      expect(await problem.getAttribute('data-code')).toBe('BAD_REQUEST');
      expect(await problem.textContent()).toContain('Contact email: Enter a valid email address.');
      expect(await dialog.getByLabel('Contact email').getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page, 'patient form with an error');
      await screenshot(page, 'admin-patient-form-error');
      await dialog.getByLabel('Contact email').fill('jordan@example.test');
      await dialog.getByRole('button', { name: 'Add patient' }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect
        .poll(() => page.getByTestId('admin-notice').first().textContent())
        .toContain('Jordan R. was added');
      await page
        .getByTestId('patients-table')
        .getByRole('rowheader', { name: 'Jordan R.' })
        .waitFor();
      await page.getByTestId('tab-staff').click();
      await page.getByTestId('staff-table').getByRole('rowheader', { name: 'Ada Admin' }).waitFor();
      await expectAccessible(page, 'people, staff');
      await screenshot(page, 'admin-people-staff');

      // Programs: a group meeting on Mondays, the patient enrolled, a week of sessions made.
      await nav(page, 'programs');
      await page.getByTestId('groups-list').waitFor();
      await page.locator('[data-testid="group-card"]').first().waitFor();
      await page.getByTestId('add-group').click();
      const groupDialog = page.getByTestId('group-dialog');
      await choose(page, 'group-program', 'Evening IOP');
      await groupDialog.getByLabel('Group name').fill('Monday evening');
      await choose(page, 'group-lead', 'Lee Lead (clinician)');
      await groupDialog.getByTestId('weekday-1').check();
      await expectAccessible(page, 'group form');
      await groupDialog.getByRole('button', { name: 'Add group' }).click();
      await groupDialog.waitFor({ state: 'detached' });
      // The focus goes back to the button that opened the dialog, not to the page's start.
      expect(await focusedTestId(page)).toBe('add-group');
      const card = page.locator('[data-testid="group-card"][data-group-name="Monday evening"]');
      await card.waitFor();
      expect(await card.textContent()).toContain('Monday at 18:00 (America/New_York), 180 min');

      await card.getByRole('button', { name: /^Enrollments/ }).click();
      const enrollments = page.getByTestId('enrollments-dialog');
      await choose(page, 'enroll-patient', 'Jordan R. (Jordan Rivera Test)');
      await enrollments.getByLabel('Start date').fill(addDays(sessionDate, -7));
      await enrollments.getByRole('button', { name: 'Enroll', exact: true }).click();
      await enrollments
        .getByTestId('enrollments-table')
        .getByRole('rowheader', { name: 'Jordan R.' })
        .waitFor();
      await expectAccessible(page, 'enrollments');
      await screenshot(page, 'admin-enrollments');
      await enrollments.getByRole('button', { name: 'Close' }).last().click();
      await enrollments.waitFor({ state: 'detached' });

      await card.getByRole('button', { name: /^Create sessions/ }).click();
      const generate = page.getByTestId('generate-dialog');
      await generate.getByLabel('From').fill(sessionDate);
      await generate.getByLabel('To').fill(addDays(sessionDate, 6));
      await generate.getByRole('button', { name: 'Create sessions' }).click();
      await generate.waitFor({ state: 'detached' });
      await expect
        .poll(() => page.getByTestId('admin-notice').first().textContent())
        .toBe('One session was created.');
      await expectAccessible(page, 'programs, groups');
      await screenshot(page, 'admin-programs-groups');
      await page.getByTestId('tab-programs').click();
      await page
        .getByTestId('programs-table')
        .getByRole('rowheader', { name: 'Evening IOP' })
        .waitFor();
      await expectAccessible(page, 'programs, programs');

      // The session, run at socket level: the patient is present for 150 minutes.
      const group = (await api<{ id: string; name: string }[]>('/api/groups')).find(
        (g) => g.name === 'Monday evening',
      );
      const from = Date.parse(`${sessionDate}T00:00:00Z`);
      const sessions = await api<{ id: string; startsAt: number }[]>(
        `/api/sessions?groupId=${group?.id}&from=${from}&to=${from + 7 * 86_400_000}`,
      );
      expect(sessions).toHaveLength(1);
      const session = sessions[0] as { id: string; startsAt: number };
      const patient = (await api<{ id: string; displayName: string }[]>('/api/patients')).find(
        (p) => p.displayName === 'Jordan R.',
      );
      await runSession(server, clinic, session, patient?.id ?? '', 150);
      // Sixty more audited reads, so the audit log runs to more than one page.
      for (let i = 0; i < 60; i++) await api('/api/patients');

      // Sessions: the roster shows the minutes.
      await nav(page, 'sessions');
      const row = page.locator(
        `[data-testid="sessions-table"] tr[data-session-id="${session.id}"]`,
      );
      await row.waitFor();
      expect(await row.textContent()).toContain('Ended');
      // The roster is read for the purpose chosen now, shown list or not.
      await choose(page, 'sessions-purpose', 'Billing');
      await row.getByTestId('open-roster').click();
      const roster = page.getByTestId('roster-dialog');
      const patientLine = roster.locator(`tr[data-subject-id="${patient?.id}"]`);
      await patientLine.waitFor();
      expect(await patientLine.getByTestId('roster-minutes').textContent()).toBe('150');
      expect(await patientLine.textContent()).toContain('Left');
      await expectAccessible(page, 'session roster');
      await screenshot(page, 'admin-sessions-roster');
      await roster.getByRole('button', { name: 'Close' }).last().click();
      await roster.waitFor({ state: 'detached' });
      const read = (await server.app.db.audit.list({ limit: 1000 }))
        .filter((e) => e.action === 'attendance.view_session')
        .at(-1);
      expect(read?.details).toMatchObject({ purpose: 'billing' });

      // Discharged the next day: their attendance in the group stays findable from it.
      const discharged = await server.app.inject({
        method: 'POST',
        url: `/api/groups/${group?.id}/enrollments/${patient?.id}/end`,
        headers: { authorization: `Bearer ${clinic.tokens.admin}` },
        payload: { endDate: addDays(sessionDate, 1) },
      });
      expect(discharged.statusCode).toBe(200);

      // Attendance: the patient's week, as numbers and as a chart.
      await nav(page, 'attendance');
      await choose(page, 'filter-program', 'Evening IOP');
      await choose(page, 'filter-patient', 'Pat 0');
      await choose(page, 'filter-group', 'Monday evening');
      // Pat 0 is not in that group: the filter goes back to everyone, in sight.
      await expect
        .poll(() => page.locator('#filter-patient').textContent())
        .toMatch(/^All patients/);
      await choose(page, 'filter-patient', 'Jordan R. (left the group)');
      await page.getByTestId('attendance-show').click();
      const week = page.locator(`[data-testid="week-card"][data-week="${sessionDate}"]`);
      await week.waitFor();
      expect(await week.getByTestId('week-total').getAttribute('data-minutes')).toBe('150');
      expect(await week.getByTestId('week-total').textContent()).toContain(
        '150 min (2.5 h) of 9 h required',
      );
      expect(await week.getByTestId('week-status').getAttribute('data-kind')).toBe('under');
      const chart = week.getByRole('img');
      expect(await chart.getAttribute('data-total-minutes')).toBe('150');
      expect(await chart.getAttribute('aria-label')).toContain(
        '2.5 of 9 hours attended, under the requirement. Monday 2.5 h',
      );
      expect(await week.locator('[data-testid="week-session"]').getAttribute('data-minutes')).toBe(
        '150',
      );
      await week.getByRole('button', { name: 'Show as a table' }).click();
      expect(await week.getByTestId('week-table-total').textContent()).toBe('150');
      await expectAccessible(page, 'attendance, patient weeks');
      await screenshot(page, 'admin-attendance-week');

      // The group over weeks: the week is a cell, under the requirement, reachable by keyboard.
      await page.getByTestId('tab-group-weeks').click();
      const heatmap = page.getByTestId('heatmap');
      await heatmap.waitFor();
      const cell = heatmap.locator(
        `tr[data-patient-id="${patient?.id}"] td[data-week="${sessionDate}"]`,
      );
      expect(await cell.getAttribute('data-minutes')).toBe('150');
      expect(await cell.getAttribute('data-kind')).toBe('under');
      expect(await cell.getAttribute('title')).toContain('Jordan R.');
      expect(await cell.getAttribute('title')).toContain('2.5 h of 9 h. Under the requirement.');
      const first = heatmap.locator('td[data-cell="0-0"]');
      expect(await first.getAttribute('tabindex')).toBe('0');
      await first.focus();
      await page.keyboard.press('ArrowRight');
      expect(
        await page.evaluate(() =>
          (
            globalThis as unknown as {
              document: { activeElement: { getAttribute(n: string): string | null } };
            }
          ).document.activeElement.getAttribute('data-cell'),
        ),
      ).toBe('0-1');
      await expectAccessible(page, 'attendance, group weeks');
      await screenshot(page, 'admin-attendance-heatmap');
      // Enter opens that patient's week, with the filters the heatmap was drawn with,
      // whatever is half-typed in the form meanwhile.
      const to = page.locator('#filter-to');
      const typed = await to.inputValue();
      await to.fill('');
      await cell.focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('patient-weeks').waitFor();
      await page
        .locator(`[data-testid="week-card"][data-week="${sessionDate}"]`)
        .waitFor({ timeout: 10_000 });
      await to.fill(typed);

      // Export: the purpose is required; the CSV holds the row and its minutes.
      await page.getByTestId('tab-export').click();
      await page.getByTestId('export-submit').click();
      expect(await page.getByTestId('export-form').textContent()).toContain(
        'Choose the purpose of this disclosure.',
      );
      await choose(page, 'export-purpose', 'Billing');
      await expectAccessible(page, 'attendance, export');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-submit').click(),
      ]);
      const csv = readCsv((await download.path()) ?? '');
      expect(csv.header).toContain('Minutes present');
      expect(csv.rows).toHaveLength(1);
      expect(csv.rows[0]).toMatchObject({
        'Session date': sessionDate,
        'Session title': 'Monday evening',
        'Billing code': 'H0015',
        'Patient display name': 'Jordan R.',
        'Patient id': patient?.id,
        'Minutes present': '150',
        'Minutes late': '0',
        Billable: 'yes',
      });
      await expect
        .poll(() => page.getByTestId('export-status').textContent())
        .toContain('The disclosure was recorded');
      await screenshot(page, 'admin-attendance-export');

      // Audit: verified, and the export recorded with its purpose.
      await nav(page, 'audit');
      const verify = page.getByTestId('audit-verify');
      await expect.poll(() => verify.getAttribute('data-state')).toBe('verified');
      expect(await verify.textContent()).toContain('Verified: the log is intact');
      const exportEntry = page.locator(
        '[data-testid="audit-table"] tr[data-action="attendance.export_csv"]',
      );
      await exportEntry.waitFor();
      expect(await exportEntry.textContent()).toContain('Exported attendance (CSV): a disclosure');
      expect(await exportEntry.locator('[data-detail="purpose"]').textContent()).toBe('Billing');
      expect(await exportEntry.locator('[data-detail="rows"]').textContent()).toBe('1');
      await expectAccessible(page, 'audit');
      await screenshot(page, 'admin-audit');
      // Filtered to exports; then, unfiltered, paged back to older entries and forward again.
      await page.getByLabel('Action').fill('attendance.export_csv');
      await page.getByTestId('audit-apply').click();
      await expect.poll(() => page.locator('[data-testid="audit-table"] tbody tr').count()).toBe(1);
      await page.getByRole('button', { name: 'Clear' }).click();
      await expect
        .poll(() => page.locator('[data-testid="audit-table"] tbody tr').count())
        .toBe(50);
      const newest = await page.getByTestId('audit-range').textContent();
      expect(await page.getByTestId('audit-newer').isDisabled()).toBe(true);
      await page.getByTestId('audit-older').click();
      await expect.poll(() => page.getByTestId('audit-range').textContent()).not.toBe(newest);
      const seqs = await page
        .locator('[data-testid="audit-table"] tbody tr')
        .evaluateAll((rows) =>
          rows.map((r) => Number((r as unknown as { dataset: { seq: string } }).dataset.seq)),
        );
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
      await page.getByTestId('audit-newer').click();
      await expect.poll(() => page.getByTestId('audit-range').textContent()).toBe(newest);
      await page.context().close();
    },
  );

  it('reads in Spanish and fits a 360-pixel screen', { timeout: 120_000 }, async () => {
    const page = await adminPage(browser, 360, 780);
    await page.goto(`${server.url}/admin/attendance`);
    await signInAsAdmin(page, server.url, PASSWORD);
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { level: 1, name: 'Asistencia' }).waitFor();
    await choose(page, 'filter-program', 'Evening IOP');
    await page.getByTestId('attendance-show').click();
    await page.getByTestId('tab-group-weeks').click();
    await page.getByTestId('heatmap').waitFor();
    expect(await page.getByTestId('heatmap').locator('caption').textContent()).toContain(
      'Horas asistidas',
    );
    await expectAccessible(page, 'attendance in Spanish at 360 px');
    const overflow = await page.evaluate(() => {
      const doc = (
        globalThis as unknown as {
          document: { documentElement: { scrollWidth: number; clientWidth: number } };
        }
      ).document;
      return doc.documentElement.scrollWidth - doc.documentElement.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'admin-attendance-360-es');
    const loaded = {
      people: 'patients-table',
      programs: 'group-card',
      sessions: 'sessions-table',
      audit: 'audit-table',
    };
    for (const [section, testId] of Object.entries(loaded)) {
      await page.getByTestId(`admin-nav-${section}`).click();
      await page.locator(`[data-testid="admin-page"][data-section="${section}"]`).waitFor();
      await page.getByTestId(testId).first().waitFor();
      await expectAccessible(page, `${section} in Spanish at 360 px`);
      await screenshot(page, `admin-${section}-360-es`);
    }
    await expect
      .poll(() => page.getByTestId('audit-verify').getAttribute('data-state'))
      .toBe('verified');
    expect(await page.getByTestId('audit-verify').textContent()).toContain('Verificado');
    await page.context().close();
  });
});
