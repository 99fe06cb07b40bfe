import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { WaitingEntry } from '@haven/protocol';
import { seedClinic, staffClient, type Clinic } from '../helpers/clinic.js';
import { startServer, type TestServer } from '../helpers/server.js';
import {
  WEB_DIST,
  expectReceiving,
  fillCheckIn,
  inviteLink,
  launchBrowser,
  newPage,
  overflowsHorizontally,
  passDeviceCheck,
  screenshot,
  seriousA11yProblems,
  selfId,
  takeRefusals,
} from './browser.js';

/** Runs axe-core and saves a screenshot of one screen. */
async function check(page: Page, name: string): Promise<void> {
  expect(await seriousA11yProblems(page), name).toEqual([]);
  await screenshot(page, name);
}

const SIZES = [
  { size: 'phone', width: 360, height: 740 },
  { size: 'desktop', width: 1280, height: 800 },
] as const;

describe.each(SIZES)(
  'patients join through their invite links ($size)',
  ({ size, width, height }) => {
    let server: TestServer;
    let browser: Browser;
    let clinic: Clinic;

    beforeAll(async () => {
      server = await startServer({ env: { HAVEN_WEB_DIR: WEB_DIST } });
      clinic = await seedClinic(server, { patients: 2 });
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('check devices, check in, wait unseen, are admitted, moderated and admitted again', async () => {
      const shot = (page: Page, name: string) => check(page, `patient-${size}-${name}`);
      const a = await newPage(browser, width, height);
      const scripts: { path: string; encoding?: string; cache?: string }[] = [];
      a.on('response', (res) => {
        const path = new URL(res.url()).pathname;
        const headers = res.headers();
        if (/^\/assets\/[^/]+\.(?:js|css)$/.test(path))
          scripts.push({
            path,
            encoding: headers['content-encoding'],
            cache: headers['cache-control'],
          });
      });
      await a.goto(await inviteLink(server, clinic, clinic.patients[0] ?? ''));

      // The code leaves the address bar; the device check shows a preview, a level and the network.
      await a.getByTestId('device-check').waitFor();
      // The app came compressed (Brotli), to be kept by the browser for good.
      expect(scripts.length).toBeGreaterThan(3);
      for (const s of scripts)
        expect(s, s.path).toMatchObject({
          encoding: 'br',
          cache: 'public, max-age=31536000, immutable',
        });
      expect(new URL(a.url()).hash).toBe('');
      // The page runs under the server's policy: a script that did not come with the app,
      // as an injection would add it, is refused, and the refusal is seen.
      const injectedRan = await a.evaluate(() => {
        const page = globalThis as unknown as {
          injected?: boolean;
          document: {
            head: { appendChild(node: unknown): void };
            createElement(tag: string): { textContent: string };
          };
        };
        const script = page.document.createElement('script');
        script.textContent = 'globalThis.injected = true';
        page.document.head.appendChild(script);
        return page.injected === true;
      });
      expect(injectedRan).toBe(false);
      await expect
        .poll(() => takeRefusals())
        .toEqual([expect.stringMatching(/^\/join: script-src-elem refused inline/)]);
      await a
        .locator('[data-testid="device-preview"][data-live="true"]')
        .waitFor({ timeout: 15_000 });
      await expect
        .poll(() => a.getByTestId('network-status').getAttribute('data-quality'))
        .toBe('good');
      expect(await a.getByTestId('join-mode-video').isChecked()).toBe(true);
      // The fake microphone beeps: the level meter moves.
      await expect
        .poll(
          () =>
            a.getByTestId('mic-level').evaluate((e) => (e as unknown as { value: number }).value),
          {
            timeout: 10_000,
          },
        )
        .toBeGreaterThan(0);
      expect(await overflowsHorizontally(a)).toBe(false);
      await shot(a, '1-device-check');
      // Another microphone than the one open: the browser must not keep the one in use.
      await a.getByTestId('device-mic').selectOption({ label: 'Fake Audio Input 2' });
      await a.getByTestId('device-continue').click();

      // The check-in refuses an empty form, names the problems, then accepts the answers.
      await a.getByTestId('check-in').waitFor();
      await a.getByTestId('check-in-submit').click();
      await a.getByTestId('check-in-problems').waitFor();
      expect(
        await a.locator('#checkin-location').evaluate((e) => e === e.ownerDocument.activeElement),
      ).toBe(true);
      expect(await a.locator('[aria-invalid="true"]').count()).toBeGreaterThanOrEqual(6);
      await shot(a, '2-check-in-problems');
      await fillCheckIn(a);
      expect(await a.getByTestId('check-in-problems').count()).toBe(0);
      await a.getByTestId('check-in-submit').click();

      await a.getByTestId('waiting-room').waitFor({ timeout: 20_000 });
      const micInCall = await a.evaluate(() => {
        type Call = { getSnapshot(): { local: { mic: { label: string } | null } } };
        return (globalThis as unknown as { __havenCall: Call }).__havenCall.getSnapshot().local.mic
          ?.label;
      });
      expect(micInCall).toBe('Fake Audio Input 2');
      expect(await overflowsHorizontally(a)).toBe(false);
      await shot(a, '3-waiting-room');

      // A second patient waits too.
      const b = await newPage(browser, width, height);
      await b.goto(await inviteLink(server, clinic, clinic.patients[1] ?? ''));
      await passDeviceCheck(b);
      await b.getByTestId('check-in').waitFor();
      await fillCheckIn(b);
      await b.getByTestId('check-in-submit').click();
      await b.getByTestId('waiting-room').waitFor({ timeout: 20_000 });

      // Neither sees the other: no tile, no name, no queue.
      for (const [page, other] of [
        [a, 'Pat 1'],
        [b, 'Pat 0'],
      ] as const) {
        expect(await page.getByTestId('tile').count()).toBe(0);
        expect(await page.locator('video[data-source]').count()).toBe(1);
        expect(await page.content()).not.toContain(other);
        expect(await page.locator('[data-testid*="queue"]').count()).toBe(0);
        const queue = await page.evaluate(
          () =>
            (
              globalThis as unknown as {
                __havenCall: { getSnapshot(): { waitingQueue: unknown[] } };
              }
            ).__havenCall.getSnapshot().waitingQueue.length,
        );
        expect(queue).toBe(0);
      }

      // The clinician admits both; they decode each other's video.
      const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
      const queue = await lead.client.waitFor<WaitingEntry[]>(
        'waiting:queue',
        (q) => q.length === 2,
        10_000,
      );
      expect(queue.every((e) => e.checkIn?.state === 'NY' && e.checkIn.agreedToRules)).toBe(true);
      for (const entry of queue)
        await lead.client.ok('mod:admit', { participantId: entry.participantId });
      await a.getByTestId('session-view').waitFor({ timeout: 20_000 });
      await b.getByTestId('session-view').waitFor({ timeout: 20_000 });
      const aId = await selfId(a);
      const bId = await selfId(b);
      await expectReceiving(a, bId);
      await expectReceiving(b, aId);
      await a.locator(`[data-testid="tile"][data-participant-id="${bId}"]`).waitFor();
      await expect.poll(() => a.getByText('Pat 1').count()).toBeGreaterThan(0);
      expect(await overflowsHorizontally(a)).toBe(false);
      // Each tile with media gets a connection-quality indicator within a few seconds.
      await a
        .locator(`[data-participant-id="${bId}"] [data-testid="quality"]`)
        .waitFor({ timeout: 10_000 });
      await shot(a, '4-session');

      // Chat: one writes, the other sees a count on the closed chat, opens it and reads.
      await a.getByTestId('chat-toggle').click();
      // Opened, the chat has the focus and is in sight, on a phone too.
      expect(
        await a.getByTestId('chat-input').evaluate((el) => el === el.ownerDocument.activeElement),
      ).toBe(true);
      const panel = await a.getByTestId('chat-panel').boundingBox();
      expect(panel !== null && panel.y >= 0 && panel.y < height).toBe(true);
      await a.getByTestId('chat-input').fill('Hello, everyone');
      await a.getByTestId('chat-send').click();
      await a.getByTestId('chat-log').getByText('Hello, everyone').waitFor();
      await b.getByTestId('chat-toggle').getByText('1 new').waitFor();
      await b.getByTestId('chat-toggle').click();
      await b.getByTestId('chat-log').getByText('Hello, everyone').waitFor();
      await shot(b, '4b-chat');
      await a.getByTestId('chat-toggle').click();

      // Muted by the clinician: a notice, and the microphone button shows it.
      await lead.client.ok('mod:mute', { participantId: aId, kind: 'audio', lock: true });
      await a.locator('[data-testid="notice"][data-kind="muted"]').waitFor();
      await expect
        .poll(() => a.getByTestId('toggle-mic').getAttribute('aria-pressed'))
        .toBe('false');
      expect(await a.getByTestId('toggle-mic').isDisabled()).toBe(true);
      await shot(a, '5-muted');
      await lead.client.ok('mod:unlockMic', { participantId: aId });
      await a.locator('[data-testid="notice"][data-kind="micUnlocked"]').waitFor();
      await a.getByTestId('toggle-mic').click();
      await expect
        .poll(() => a.getByTestId('toggle-mic').getAttribute('aria-pressed'))
        .toBe('true');

      // Sent to the waiting room: the group loses sight of them; admitted again, they are back.
      await lead.client.ok('mod:sendToWaiting', { participantId: aId });
      await a.getByTestId('waiting-room').waitFor();
      await a.locator('[data-testid="notice"][data-kind="sentToWaiting"]').waitFor();
      await expect
        .poll(() => b.locator(`video[data-participant-id="${aId}"]`).count(), { timeout: 10_000 })
        .toBe(0);
      expect(await a.getByTestId('tile').count()).toBe(0);
      await shot(a, '6-sent-to-waiting');
      await lead.client.ok('mod:admit', { participantId: aId });
      await a.getByTestId('session-view').waitFor({ timeout: 20_000 });
      await expectReceiving(b, aId);
      await expectReceiving(a, bId);

      // The speaker view fits too.
      await a.getByTestId('layout-switch').getByText('Speaker').click();
      await a.locator('[data-testid="video-grid"][data-layout="speaker"]').waitFor();
      expect(await overflowsHorizontally(a)).toBe(false);
      await shot(a, '7-speaker-view');
      lead.client.close();
    });
  },
);
