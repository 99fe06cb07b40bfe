import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.js';
import {
  WEB_DIST,
  expectReceiving,
  launchBrowser,
  newPage,
  receiveStats,
  screenshot,
  selfId,
} from './browser.js';

/**
 * Two, then three real browsers in one development room, through the real server, the
 * built web app and a real mediasoup worker.
 */
describe('a call between browsers', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ env: { HAVEN_WEB_DIR: WEB_DIST } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(name: string): Promise<{ page: Page; id: string }> {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/dev/token',
      payload: { sessionId: 'browsers', name },
    });
    const { url } = res.json().data as { url: string };
    const page = await newPage(browser);
    await page.goto(`${server.url}${url}`);
    await page.getByTestId('session-view').waitFor({ timeout: 20_000 });
    return { page, id: await selfId(page) };
  }

  it('each decodes and hears the other; a late joiner gets both; a leaver is seen to go', async () => {
    const a = await open('Avery');
    const b = await open('Bailey');
    await expectReceiving(a.page, b.id);
    await expectReceiving(b.page, a.id);
    // The token left the address bar once read.
    expect(a.page.url()).not.toContain('token=');

    const c = await open('Casey');
    await expectReceiving(c.page, a.id);
    await expectReceiving(c.page, b.id);
    await expect
      .poll(() => a.page.locator(`video[data-participant-id="${c.id}"]`).count(), {
        timeout: 10_000,
      })
      .toBe(1);
    await screenshot(c.page, 'call-three-people');

    await a.page.getByTestId('leave-button').click();
    for (const other of [b, c]) {
      await expect
        .poll(() => other.page.locator(`video[data-participant-id="${a.id}"]`).count(), {
          timeout: 10_000,
        })
        .toBe(0);
      await expect
        .poll(
          async () =>
            (await receiveStats(other.page)).filter((r) => r.participantId === a.id).length,
          { timeout: 10_000 },
        )
        .toBe(0);
    }
    // The remaining two still receive each other.
    await expectReceiving(b.page, c.id);
    const room = server.app.clinic.registry.live('dev-browsers')?.room;
    expect(
      room
        ?.admitted()
        .map((p) => p.displayName)
        .sort(),
    ).toEqual(['Bailey', 'Casey']);
    await screenshot(b.page, 'call-after-leave');
  });
});
