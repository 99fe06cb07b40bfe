import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import type { Clinic } from '../helpers/clinic.js';
import type { TestServer } from '../helpers/server.js';

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

/**
 * A page in a context of its own (nothing shared with other pages), watched by `watch`,
 * closed when the test ends.
 */
export async function newPage(
  browser: Browser,
  width = 1280,
  height = 800,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, ...options });
  contexts.add(context);
  await context.grantPermissions(['camera', 'microphone']);
  await watch(context);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
  return page;
}

/** The contexts `newPage` opened since the last `closePages`. */
const contexts = new Set<BrowserContext>();

/** Closes every page opened since the last call (after each test: test/browser/setup.ts). */
export async function closePages(): Promise<void> {
  const open = [...contexts];
  contexts.clear();
  await Promise.all(open.map((context) => context.close().catch(() => undefined)));
}

/** What the server's Content-Security-Policy refused in any page so far (see test/browser/setup.ts). */
const refused: string[] = [];

/** The refusals since the last call, for the check after each test. */
export const takeRefusals = (): string[] => refused.splice(0);

/**
 * Reports each Content-Security-Policy violation of the context's pages: the policy must
 * let the app do everything it does, in every test.
 */
async function watch(context: BrowserContext): Promise<void> {
  await context.exposeBinding('__havenRefused', ({ page }, what: string) => {
    refused.push(`${new URL(page.url()).pathname}: ${what}`);
  });
  await context.addInitScript(() => {
    type Violation = {
      effectiveDirective: string;
      blockedURI: string;
      sourceFile: string;
      lineNumber: number;
    };
    const page = globalThis as unknown as {
      __havenRefused(what: string): void;
      document: { addEventListener(type: string, fn: (e: Violation) => void): void };
    };
    page.document.addEventListener('securitypolicyviolation', (e) =>
      page.__havenRefused(
        `${e.effectiveDirective} refused ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
      ),
    );
  });
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

const AXE_SOURCE = fs.readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface AxeProblem {
  id: string;
  impact: string | null;
  help: string;
  /** The first few elements found, with what axe says is wrong with the first. */
  targets: string[];
  summary: string | undefined;
}

/** Runs axe-core on the page as it is now; answers the serious and critical violations. */
export async function seriousA11yProblems(page: Page): Promise<AxeProblem[]> {
  // Evaluated rather than added as a script element: the page's policy refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  const all = await page.evaluate(async () => {
    type Result = {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: string[]; failureSummary?: string }[];
    };
    const axe = (
      globalThis as unknown as {
        axe: { run(ctx: unknown, o: unknown): Promise<{ violations: Result[] }> };
      }
    ).axe;
    const doc = (globalThis as unknown as { document: unknown }).document;
    const { violations } = await axe.run(doc, { resultTypes: ['violations'] });
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      summary: v.nodes[0]?.failureSummary,
    }));
  });
  return all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Whether the page is wider than its window (a layout that does not fit the phone). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      document: { documentElement: { scrollWidth: number } };
      innerWidth: number;
    };
    return g.document.documentElement.scrollWidth > g.innerWidth + 1;
  });
}

/** An invite made through the API by the session's lead: the link as the patient receives it. */
export async function inviteLink(
  server: TestServer,
  clinic: Clinic,
  patientId: string,
  sessionId = clinic.session1,
): Promise<string> {
  const res = await server.app.inject({
    method: 'POST',
    url: `/api/sessions/${sessionId}/invites`,
    headers: { authorization: `Bearer ${clinic.tokens.lead}` },
    payload: { patientId },
  });
  if (res.statusCode !== 201) throw new Error(`invite failed: ${res.body}`);
  const code = (res.json().data.url as string).split('#')[1] ?? '';
  return `${server.url}/join#${code}`;
}

/** Waits for the device check to show a live preview and a network result, then continues. */
export async function passDeviceCheck(page: Page): Promise<void> {
  await page.getByTestId('device-check').waitFor();
  await page
    .locator('[data-testid="device-preview"][data-live="true"]')
    .waitFor({ timeout: 15_000 });
  await page
    .locator('[data-testid="network-status"]:not([data-quality="checking"])')
    .waitFor({ timeout: 15_000 });
  await page.getByTestId('device-continue').click();
}

/** Answers the check-in form: at home in New York, can talk privately, a contact, rules agreed. */
export async function fillCheckIn(page: Page): Promise<void> {
  await page.locator('#checkin-location').fill('Home, Albany');
  await page.locator('#checkin-state').selectOption('NY');
  await page.locator('#checkin-atHome-yes').click();
  await page.locator('#checkin-privatePlace-yes').click();
  await page.locator('#checkin-contactName').fill('Robin Doe');
  await page.locator('#checkin-contactPhone').fill('518-555-0100');
  await page.getByTestId('checkin-agree').click();
}

/** A development room's link for `name`, as the server hands it out. */
export async function devRoomLink(server: TestServer, sessionId: string, name: string) {
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/dev/token',
    payload: { sessionId, name },
  });
  return (res.json().data as { url: string }).url;
}

/**
 * `name` in development room `sessionId` in a page of their own, once in the call;
 * `prepare` runs on the page before it opens the link.
 */
export async function openDevRoom(
  server: TestServer,
  browser: Browser,
  name: string,
  sessionId: string,
  prepare?: (page: Page) => Promise<void>,
): Promise<{ page: Page; id: string }> {
  const url = await devRoomLink(server, sessionId, name);
  const page = await newPage(browser);
  await prepare?.(page);
  await page.goto(`${server.url}${url}`);
  await page.getByTestId('session-view').waitFor({ timeout: 20_000 });
  return { page, id: await selfId(page) };
}
