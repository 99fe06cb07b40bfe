import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.js';
import { PASSWORD, checkIn, patientToken, seedClinic, type Clinic } from '../helpers/clinic.js';
import { WEB_DIST, launchBrowser, newPage, screenshot, seriousA11yProblems } from './browser.js';
import {
  chooseFromMenu as menu,
  patientJoins,
  row,
  signInThroughUi,
  type SocketPatient,
} from './staff.js';

/**
 * The waiting room and the group from the clinician's console, in a real browser: a
 * message and a refusal, admitting everyone at once, raised hands in order, spotlight,
 * closing to late arrivals and screen sharing; a step-out's chat kept apart from the group's.
 */
describe('the clinician’s console controls', () => {
  let server: TestServer;
  let browser: Browser;
  let clinic: Clinic;
  const patients: SocketPatient[] = [];

  beforeAll(async () => {
    server = await startServer({ env: { HAVEN_WEB_DIR: WEB_DIST } });
    clinic = await seedClinic(server, { patients: 6 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const p of patients) p.client.close();
    await browser?.close();
    await server?.close();
  });

  const expectAccessible = async (page: Page) =>
    expect(await seriousA11yProblems(page)).toEqual([]);

  /** Where the keyboard focus is: the row (a person) and the control, or a heading's id. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      type Focused = {
        id: string;
        tagName: string;
        getAttribute(name: string): string | null;
        closest(selector: string): Focused | null;
      };
      const g = globalThis as unknown as { document: { activeElement: Focused | null } };
      const el = g.document.activeElement;
      const row = el?.closest('[data-participant-id]')?.getAttribute('data-participant-id');
      return {
        row: row ?? null,
        control: el?.getAttribute('data-testid') ?? (el?.id || el?.tagName),
      };
    });

  /** The people a list of the console shows, in order. */
  const rowsOf = (page: Page, testId: string) =>
    page
      .getByTestId(testId)
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-participant-id') ?? ''));

  /** A clinician signs in and opens a session's console from today's list. */
  const openConsole = async (email: string, sessionId: string): Promise<Page> => {
    const page = await newPage(browser);
    await signInThroughUi(page, server.url, email, PASSWORD);
    await page.locator(`[data-session-id="${sessionId}"]`).getByTestId('session-open').click();
    await page.getByTestId('session-status').waitFor();
    return page;
  };

  /** A patient, invited by the clinician holding `staffToken`, checks in to the waiting room. */
  const arrive = async (
    sessionId: string,
    staffToken: string,
    patientId: string,
    answers = checkIn(),
  ): Promise<SocketPatient> => {
    const { token } = await patientToken(server, staffToken, sessionId, patientId);
    const p = await patientJoins(server, token, sessionId, answers);
    patients.push(p);
    return p;
  };

  it('messages and turns away a waiting patient, admits all, follows raised hands, locks and shares', async () => {
    // Group 2 gets a second patient for this one.
    await server.app.db.groups.enroll(clinic.group2, clinic.patients[2] ?? '', '2020-01-01');
    const page = await openConsole('other@clinic.test', clinic.session2);
    const sessionTwo = () => server.app.clinic.registry.live(clinic.session2);
    const join = (patientId: string, answers = checkIn()) =>
      arrive(clinic.session2, clinic.tokens.other, patientId, answers);

    // A message to someone waiting, then a refusal with a message.
    const first = await join(clinic.outsider);
    await page.getByTestId('tab-waiting').click();
    const entry = row(page, 'waiting-entry', first.participantId);
    await entry.getByTestId('message-waiting').click();
    await page.getByTestId('message-dialog-text').fill('We start in five minutes.');
    await page.getByTestId('message-dialog-confirm').click();
    await first.client.waitFor<{ text: string }>(
      'waiting:message',
      (m) => m.text === 'We start in five minutes.',
    );
    await entry.getByTestId('deny').click();
    await page.getByTestId('deny-dialog-text').fill('Please call the clinic today.');
    await page.getByTestId('deny-dialog-confirm').click();
    await first.client.waitFor<{ kind: string; message: string | null }>(
      'you:removed',
      (r) => r.kind === 'denied' && r.message === 'Please call the clinic today.',
    );
    await entry.waitFor({ state: 'detached' });

    // Someone whose connection drops keeps their place, flagged, and cannot be admitted
    // until they are back.
    const dropped = await join(clinic.patients[2] ?? '');
    dropped.client.close();
    const droppedRow = row(page, 'waiting-entry', dropped.participantId);
    await droppedRow.getByText('Connection lost').waitFor();
    expect(await droppedRow.getByTestId('admit').isDisabled()).toBe(true);
    await expectAccessible(page);

    // Three arrive (being turned away once bars nobody), the one who dropped among them,
    // back in the same place. One click admits the two checked in from a private place;
    // the one on a bus is left for the clinician to look at and admit on purpose.
    const a = await join(clinic.patients[2] ?? '');
    expect(a.participantId).toBe(dropped.participantId);
    const second = await join(clinic.outsider);
    await server.app.db.groups.enroll(clinic.group2, clinic.patients[1] ?? '', '2020-01-01');
    const onBus = await join(
      clinic.patients[1] ?? '',
      checkIn({ location: 'Bus', atHome: false, privatePlace: false }),
    );
    await expect.poll(() => page.getByTestId('waiting-entry').count(), { timeout: 10_000 }).toBe(3);
    expect(await page.getByTestId('admit-all').textContent()).toBe('Admit all (2)');
    expect(await page.getByTestId('admit-all-held').textContent()).toContain('leaves out 1');
    await page.getByTestId('admit-all').click();
    await expect.poll(() => sessionTwo()?.room.admitted().length).toBe(3);
    const busRow = row(page, 'waiting-entry', onBus.participantId);
    await expect.poll(() => page.getByTestId('waiting-entry').count()).toBe(1);
    await busRow.getByTestId('admit').click();
    await expect.poll(() => sessionTwo()?.room.admitted().length).toBe(4);

    // In the session, where someone is and whom to call stay two clicks away, audited.
    await page.getByTestId('tab-people').click();
    await menu(page, onBus.participantId, 'Location and emergency contact…');
    const answers = page.getByTestId('checkin-dialog');
    expect(await answers.getByTestId('checkin-location').textContent()).toBe('Bus · NY');
    expect(await answers.getByRole('link', { name: '555-0100' }).getAttribute('href')).toBe(
      'tel:5550100',
    );
    await expectAccessible(page);
    await answers.getByRole('button', { name: 'Close' }).click();
    await answers.waitFor({ state: 'detached' });
    const looked = await server.app.db.audit.list({ limit: 1000 });
    expect(looked.some((e) => e.action === 'session.view_checkin')).toBe(true);

    // Raised hands, in the order they went up; lowering one tells the patient.
    await second.client.ok('hand:raise', {});
    await a.client.ok('hand:raise', {});
    await page.getByTestId('tab-hands').click();
    await expect
      .poll(async () =>
        page
          .getByTestId('hand-entry')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-participant-id'))),
      )
      .toEqual([second.participantId, a.participantId]);
    await row(page, 'hand-entry', second.participantId).getByRole('button').click();
    await second.client.waitFor<{ kind: string }>('you:notice', (n) => n.kind === 'handLowered');
    await expect.poll(() => page.getByTestId('hand-entry').count()).toBe(1);

    // Spotlight from the menu; closing to late arrivals; both reach the server.
    await page.getByTestId('tab-people').click();
    await menu(page, a.participantId, 'Spotlight');
    await expect.poll(() => sessionTwo()?.room.spotlightId).toBe(a.participantId);
    await page.getByTestId('lock-toggle').click();
    await expect.poll(() => sessionTwo()?.room.locked).toBe(true);
    await expect
      .poll(() => page.getByTestId('lock-toggle').getAttribute('aria-pressed'))
      .toBe('true');

    // Sharing the screen for psycho-education publishes a screen producer.
    await page.getByTestId('share-screen').click();
    const clinicianId =
      sessionTwo()
        ?.room.admitted()
        .find((p) => p.isStaff)?.id ?? '';
    await expect
      .poll(
        () =>
          sessionTwo()
            ?.peer(clinicianId)
            ?.producers()
            .some((p) => p.source === 'screen'),
        { timeout: 15_000 },
      )
      .toBe(true);
    await expect
      .poll(() => page.getByTestId('share-screen').getAttribute('aria-pressed'))
      .toBe('true');

    // The console speaks Spanish too.
    await page.getByRole('button', { name: 'Español' }).click();
    await expect.poll(() => page.getByTestId('tab-people').textContent()).toBe('Personas (3)');
    await expectAccessible(page);
    await screenshot(page, 'clinician-console-es');
  });

  it('gives a step-out a chat of its own, and the group its own again after', async () => {
    // Session 1 and its lead, apart from the first test's session.
    const page = await openConsole('lead@clinic.test', clinic.session1);
    const pat = await arrive(clinic.session1, clinic.tokens.lead, clinic.patients[0] ?? '');
    await page.getByTestId('tab-waiting').click();
    await row(page, 'waiting-entry', pat.participantId).getByTestId('admit').click();
    await pat.client.waitFor('room:snapshot');

    await page.getByTestId('chat-toggle').click();
    const chat = page.getByTestId('chat-panel');
    const log = chat.getByTestId('chat-log');
    const input = chat.getByTestId('chat-input');
    await pat.client.ok('chat:send', { text: 'Hello everyone' });
    await log.getByText('Hello everyone').waitFor();
    await chat.getByRole('heading', { name: 'Group chat' }).waitFor();
    expect(await input.getAttribute('placeholder')).toBe('Message to the group');

    // In private, neither the group's lines nor its label.
    await page.getByTestId('tab-people').click();
    await menu(page, pat.participantId, 'Talk privately (step out)');
    await expect.poll(() => chat.getAttribute('data-space')).toBe('private');
    await chat.getByRole('heading', { name: 'Private chat with Pat 0' }).waitFor();
    expect(await input.getAttribute('placeholder')).toBe('Private message to Pat 0');
    expect(await log.textContent()).not.toContain('Hello everyone');
    await pat.client.ok('chat:send', { text: 'Just between us' });
    await log.getByText('Just between us').waitFor();
    await expectAccessible(page);

    // Back in the group: no private line, and no private draft ready to go to everyone.
    await input.fill('A word for Pat 0 alone');
    await page.getByTestId('return-to-group').click();
    await expect.poll(() => chat.getAttribute('data-space')).toBe('group');
    expect(await input.getAttribute('placeholder')).toBe('Message to the group');
    expect(await input.inputValue()).toBe('');
    expect(await log.textContent()).not.toContain('Just between us');
    await pat.client.ok('chat:send', { text: 'Back with you all' });
    await log.getByText('Back with you all').waitFor();
  });

  it('keeps the keyboard focus in a list when the row holding it goes', async () => {
    const page = await openConsole('lead@clinic.test', clinic.session1);
    const arrived: SocketPatient[] = [];
    for (const i of [3, 4, 5])
      arrived.push(await arrive(clinic.session1, clinic.tokens.lead, clinic.patients[i] ?? ''));
    await page.getByTestId('tab-waiting').click();
    await expect.poll(() => page.getByTestId('waiting-entry').count()).toBe(3);
    const [first = '', middle = '', last = ''] = await rowsOf(page, 'waiting-entry');
    const waiting = (id: string) => row(page, 'waiting-entry', id);

    // Admitted from the middle: the next one's Admit. Turned away when last: the previous
    // one's Don't admit, once the dialog has closed. The last admitted: the list's heading.
    await waiting(middle).getByTestId('admit').click();
    await expect.poll(() => focused(page)).toEqual({ row: last, control: 'admit' });
    await waiting(last).getByTestId('deny').click();
    await page.getByTestId('deny-dialog-confirm').click();
    await expect.poll(() => focused(page)).toEqual({ row: first, control: 'deny' });
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toEqual({ row: null, control: 'waiting-heading' });

    // Hands lowered, first raised first: the next hand, then the heading.
    for (const id of [middle, first])
      await arrived.find((p) => p.participantId === id)?.client.ok('hand:raise', {});
    await page.getByTestId('tab-hands').click();
    await expect.poll(() => page.getByTestId('hand-entry').count()).toBe(2);
    const [up = '', next = ''] = await rowsOf(page, 'hand-entry');
    await row(page, 'hand-entry', up).getByTestId('lower-hand').click();
    await expect.poll(() => focused(page)).toEqual({ row: next, control: 'lower-hand' });
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toEqual({ row: null, control: 'hands-heading' });

    // From a person's menu: back to the waiting room, then removed after its dialog.
    await page.getByTestId('tab-people').click();
    const [one = '', two = ''] = await rowsOf(page, 'participant-row');
    await menu(page, one, 'Back to the waiting room');
    await expect.poll(() => focused(page)).toEqual({ row: two, control: 'participant-menu' });
    const left = await rowsOf(page, 'participant-row');
    const gone = left[left.length - 1] ?? '';
    const previous = left[left.length - 2];
    await menu(page, gone, 'Remove from session…');
    await page.getByTestId('remove-dialog-text').fill('Asked to leave.');
    await page.getByTestId('remove-dialog-confirm').click();
    await row(page, 'participant-row', gone).waitFor({ state: 'detached' });
    await expect
      .poll(() => focused(page))
      .toEqual(
        previous
          ? { row: previous, control: 'participant-menu' }
          : { row: null, control: 'people-heading' },
      );
    await expectAccessible(page);
  });
});
