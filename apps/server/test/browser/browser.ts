import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts', import.meta.url));

/** Debian's Chromium, headless, with a fake camera and microphone; nothing downloaded. */
export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error('apps/web is not built: run `npm run build`');
  return chromium.launch({
    executablePath: process.env['HAVEN_CHROMIUM'] ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--allow-loopback-in-peer-connection',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

export async function newPage(browser: Browser, width = 1280, height = 800): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  await context.grantPermissions(['camera', 'microphone']);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export interface ReceiveRow {
  consumerId: string;
  participantId: string;
  kind: 'audio' | 'video';
  framesDecoded: number;
  packetsReceived: number;
}

/** What a page's call client receives right now (decoded frames, packets) per consumer. */
export function receiveStats(page: Page): Promise<ReceiveRow[]> {
  return page.evaluate(async () => {
    const call = (globalThis as unknown as { __havenCall?: { receiveStats(): Promise<unknown[]> } })
      .__havenCall;
    return (call ? await call.receiveStats() : []) as ReceiveRow[];
  });
}

/**
 * Waits until `page` decodes video from `participantId` with the frame count rising,
 * and receives its audio packets.
 */
export async function expectReceiving(
  page: Page,
  participantId: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let firstFrames: number | null = null;
  let last: ReceiveRow[] = [];
  while (Date.now() < deadline) {
    last = (await receiveStats(page)).filter((r) => r.participantId === participantId);
    const video = last.find((r) => r.kind === 'video');
    const audio = last.find((r) => r.kind === 'audio');
    if (video && audio && video.framesDecoded > 0 && audio.packetsReceived > 0) {
      if (firstFrames === null) firstFrames = video.framesDecoded;
      else if (video.framesDecoded > firstFrames) return;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`not receiving from ${participantId}: ${JSON.stringify(last)}`);
}

export async function selfId(page: Page): Promise<string> {
  await page.waitForFunction(() => {
    const call = (
      globalThis as unknown as { __havenCall?: { getSnapshot(): { selfId?: string | null } } }
    ).__havenCall;
    return Boolean(call?.getSnapshot().selfId);
  });
  return page.evaluate(
    () =>
      (
        globalThis as unknown as { __havenCall: { getSnapshot(): { selfId: string } } }
      ).__havenCall.getSnapshot().selfId,
  );
}
