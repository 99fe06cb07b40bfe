import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { observer } from 'mediasoup';
import { startServer, type TestServer } from '../helpers/server.js';
import {
  WEB_DIST,
  expectReceiving,
  launchBrowser,
  openDevRoom,
  receiveStats,
  screenshot,
  seriousA11yProblems,
} from './browser.js';

/** Before the app loads: keeps every RTCPeerConnection the page makes, for its statistics. */
async function keepPeerConnections(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const g = globalThis as unknown as {
      RTCPeerConnection: new (...args: unknown[]) => object;
      __peerConnections: object[];
    };
    const Original = g.RTCPeerConnection;
    g.__peerConnections = [];
    g.RTCPeerConnection = class extends Original {
      constructor(...args: unknown[]) {
        super(...args);
        g.__peerConnections.push(this);
      }
    };
  });
}

/** One simulcast layer (rid) of the page's outgoing video, from its sender's statistics. */
interface LayerSent {
  /** Whether the app has the encoding switched on. */
  active: boolean;
  framesEncoded: number;
  /** What the browser says holds its video back: 'bandwidth', 'cpu', 'none'. */
  limitation: string;
}

/** The page's outgoing video layers by rid. */
function sentLayers(page: Page): Promise<Record<string, LayerSent>> {
  return page.evaluate(async () => {
    type Stat = {
      type: string;
      kind?: string;
      rid?: string;
      active?: boolean;
      framesEncoded?: number;
      qualityLimitationReason?: string;
    };
    const pcs = (
      globalThis as unknown as {
        __peerConnections: { getStats(): Promise<{ forEach(f: (s: Stat) => void): void }> }[];
      }
    ).__peerConnections;
    const layers: Record<string, LayerSent> = {};
    for (const pc of pcs) {
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'outbound-rtp' && s.kind === 'video' && s.rid)
          layers[s.rid] = {
            active: s.active ?? true,
            framesEncoded: s.framesEncoded ?? 0,
            limitation: s.qualityLimitationReason ?? 'unknown',
          };
      });
    }
    return layers;
  });
}

/** Frames encoded so far of one layer of the page's outgoing video. */
async function encodedFrames(page: Page, rid: string): Promise<number> {
  return (await sentLayers(page))[rid]?.framesEncoded ?? 0;
}

/**
 * Resolves once the page's camera encodes a layer the app has switched on. The browser
 * starts a large layer only when its bandwidth estimate has room for it, which takes
 * seconds after a call starts, longer on a busy machine; a failure shows what held it.
 */
async function expectEncoding(page: Page, rid: string): Promise<void> {
  const sending = async () => ({
    rid,
    encoding: (await growth(page, () => encodedFrames(page, rid), 500)) > 0,
    limitation: (await sentLayers(page))[rid]?.limitation,
  });
  await expect.poll(sending, { timeout: 30_000, interval: 10 }).toMatchObject({ encoding: true });
}

/**
 * The spatial layers each consumer of the in-process server forwarded, in order, as
 * mediasoup reports them (null: none, e.g. while paused).
 */
const forwarded = new Map<string, (number | null)[]>();
observer.on('newworker', (worker) =>
  worker.observer.on('newrouter', (router) =>
    router.observer.on('newtransport', (transport) =>
      transport.observer.on('newconsumer', (consumer) => {
        const layers: (number | null)[] = [];
        forwarded.set(consumer.id, layers);
        consumer.on('layerschange', (current) => void layers.push(current?.spatialLayer ?? null));
      }),
    ),
  ),
);

/** The app's stylesheet, as the build names it. */
const STYLESHEET = /\/assets\/index-\w+\.css$/;

/** How much `count` grows in `ms`. */
async function growth(page: Page, count: () => Promise<number>, ms: number): Promise<number> {
  const before = await count();
  await page.waitForTimeout(ms);
  return (await count()) - before;
}

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

  const open = (name: string, sessionId = 'browsers', prepare?: (page: Page) => Promise<void>) =>
    openDevRoom(server, browser, name, sessionId, prepare);

  it('each decodes and hears the other; a late joiner gets both; a leaver is seen to go', async () => {
    const a = await open('Avery');
    const b = await open('Bailey');
    await expectReceiving(a.page, b.id);
    await expectReceiving(b.page, a.id);
    // The token left the address bar once read.
    expect(a.page.url()).not.toContain('token=');

    // What Casey's page asks the server, from its socket's frames; and when it asked for
    // the media engine's Chromium handler, received its stylesheet (held back a little, as
    // on a slow network) and opened its socket.
    const sent: string[] = [];
    const order: string[] = [];
    const c = await open('Casey', 'browsers', async (page) => {
      await page.route(STYLESHEET, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        await route.continue();
      });
      page.on('request', (request) => {
        if (/\/assets\/Chrome111-\w+\.js$/.test(request.url())) order.push('handler');
      });
      page.on('response', (response) => {
        if (STYLESHEET.test(response.url())) order.push('stylesheet');
      });
      page.on('websocket', (ws) => {
        order.push('socket');
        ws.on('framesent', ({ payload }) => void sent.push(String(payload)));
      });
    });
    // The room link's page preloads the handler with its own chunks, without waiting for
    // its stylesheet, long before the call starts, so the browser's capabilities are ready
    // by the time the server admits it.
    expect(order).toEqual(['handler', 'stylesheet', 'socket']);
    await expectReceiving(c.page, a.id);
    await expectReceiving(c.page, b.id);
    // Its certificate, made ahead, went with the requests that made its transports: the
    // server connected them there, and no transport needed a connect of its own. What it
    // could see flowed from the start.
    const asked = (name: string) => sent.filter((frame) => frame.includes(`"${name}"`));
    expect(asked('media:ready')).toEqual([
      expect.stringMatching(
        /"flowing":\["mic","screen","camera"\].*"dtlsParameters":\{"role":"client","fingerprints":\[\{"algorithm":"sha-256","value":"[0-9A-F:]{95}"/,
      ),
    ]);
    expect(asked('media:createTransport')).toEqual([expect.stringContaining('"dtlsParameters"')]);
    expect(asked('media:connectTransport')).toEqual([]);
    await expect
      .poll(() => a.page.locator(`video[data-participant-id="${c.id}"]`).count(), {
        timeout: 10_000,
      })
      .toBe(1);
    // Fake microphones all sound: the server names one dominant speaker, and the pages
    // agree on whose tile rings (on the speaker's own page, their self tile).
    const speaking = (page: typeof a.page) =>
      page.evaluate(() => {
        type Element = { getAttribute(name: string): string | null };
        const g = globalThis as unknown as {
          document: { querySelector(selector: string): Element | null };
        };
        const tile = g.document.querySelector('[data-speaking="true"]');
        return tile?.getAttribute('data-participant-id') ?? null;
      });
    await expect
      .poll(
        async () => {
          const seen = await Promise.all([a, b, c].map((p) => speaking(p.page)));
          return seen[0] !== null && seen.every((id: string | null) => id === seen[0])
            ? seen[0]
            : null;
        },
        { timeout: 15_000 },
      )
      .toMatch(new RegExp(`^(${[a.id, b.id, c.id].join('|')})$`));
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

  it('starts a video from the lowest layer whenever it starts, then the layer its tile asks for', async () => {
    const a = await open('Harper', 'restart', keepPeerConnections);
    const b = await open('Indy', 'restart');
    await expectReceiving(b.page, a.id);
    const consumerId = server.app.clinic.registry
      .live('dev-restart')
      ?.peer(b.id)
      ?.consumers()
      .find((c) => c.participantId === a.id && c.source === 'camera')?.consumerId;
    const layers = () => forwarded.get(consumerId ?? '') ?? [];
    const firstSince = (mark: number) =>
      layers()
        .slice(mark)
        .find((l) => l !== null);

    // A large tile asks for the top layer: the video starts at the lowest, then moves up.
    const tile = b.page.locator(`figure[data-participant-id="${a.id}"]`);
    await tile.evaluate((el) => (el.style.width = '800px'));
    await expectEncoding(a.page, 'r2');
    await expect.poll(() => layers().at(-1), { timeout: 10_000 }).toBe(2);
    expect(firstSince(0)).toBe(0);

    // The tile leaves the view: its video pauses and Harper's camera stops its larger
    // layers. The tile comes back at once, while mediasoup still counts those layers as
    // alive (it waits 1.5 s of silence): the video restarts from the lowest layer, which
    // the camera never stopped, instead of waiting for a key frame of a stopped one.
    await tile.evaluate((el) => (el.style.display = 'none'));
    const r2 = () => encodedFrames(a.page, 'r2');
    await expect.poll(() => growth(a.page, r2, 300), { timeout: 5_000, interval: 10 }).toBe(0);
    const mark = layers().length;
    await tile.evaluate((el) => (el.style.display = ''));
    await expectEncoding(a.page, 'r2');
    await expect.poll(() => layers().at(-1), { timeout: 10_000 }).toBe(2);
    expect(firstSince(mark)).toBe(0);
    await expectReceiving(b.page, a.id);
  });

  it('stops receiving a video nobody can see (tile out of view, page hidden); sound goes on', async () => {
    const a = await open('Drew', 'views');
    const b = await open('Emery', 'views', keepPeerConnections);
    await expectReceiving(a.page, b.id);
    /** Packets of Emery's received so far: they stop only if the server stops sending. */
    const received = async (kind: 'audio' | 'video') =>
      (await receiveStats(a.page)).find((r) => r.participantId === b.id && r.kind === kind)
        ?.packetsReceived ?? 0;
    /** Resolves once no video packet of Emery's arrived for a second. */
    const stalled = () =>
      expect
        .poll(() => growth(a.page, () => received('video'), 1000), {
          timeout: 15_000,
          interval: 10,
        })
        .toBe(0);
    const tile = a.page.locator(`figure[data-participant-id="${b.id}"]`);

    // Emery's camera encodes its largest layer only while a tile of Emery's is that large.
    const r2 = () => encodedFrames(b.page, 'r2');
    const r2Active = async () => (await sentLayers(b.page))['r2']?.active;
    await tile.evaluate((el) => (el.style.width = '800px'));
    await expect.poll(r2Active, { timeout: 5_000 }).toBe(true);
    await expectEncoding(b.page, 'r2');
    await tile.evaluate((el) => (el.style.width = '200px'));
    await expect.poll(r2Active, { timeout: 5_000 }).toBe(false);
    await expect.poll(() => growth(b.page, r2, 1000), { timeout: 5_000, interval: 10 }).toBe(0);
    await tile.evaluate((el) => (el.style.width = ''));

    // The tile leaves the view (as when scrolled away): the server holds the video back.
    await tile.evaluate((el) => (el.style.display = 'none'));
    await stalled();
    await tile.evaluate((el) => (el.style.display = ''));
    await expectReceiving(a.page, b.id);

    // The page is hidden (a minimised window): no video, but the sound keeps coming.
    const setHidden = (hidden: boolean) =>
      a.page.evaluate((hidden) => {
        const doc = (
          globalThis as unknown as { document: EventTarget & { visibilityState?: string } }
        ).document;
        if (hidden)
          Object.defineProperty(doc, 'visibilityState', {
            configurable: true,
            get: () => 'hidden',
          });
        else delete doc.visibilityState;
        doc.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    await stalled();
    const audio = await received('audio');
    await expect.poll(() => received('audio'), { timeout: 5_000 }).toBeGreaterThan(audio);
    await setHidden(false);
    await expectReceiving(a.page, b.id);

    // Held back by this viewer, never shown as the sender's camera being off.
    const cameraPaused = await a.page.evaluate((id) => {
      const call = (
        globalThis as unknown as {
          __havenCall: {
            getSnapshot(): {
              participants: { id: string; tracks: { camera?: { paused: boolean } } }[];
            };
          };
        }
      ).__havenCall;
      return call.getSnapshot().participants.find((p) => p.id === id)?.tracks.camera?.paused;
    }, b.id);
    expect(cameraPaused).toBe(false);
  });

  it('switches microphone and speaker from the device menu during the call', async () => {
    const a = await open('Finley', 'devices', keepPeerConnections);
    const b = await open('Gray', 'devices');
    await expectReceiving(b.page, a.id);
    const sentMic = () =>
      a.page.evaluate(() => {
        type Sender = { track: { kind: string; label: string } | null };
        const pcs = (globalThis as unknown as { __peerConnections: { getSenders(): Sender[] }[] })
          .__peerConnections;
        const senders = pcs.flatMap((pc) => pc.getSenders());
        return senders.find((s) => s.track?.kind === 'audio')?.track?.label ?? null;
      });
    expect(await sentMic()).not.toBe('Fake Audio Input 1');

    await a.page.getByTestId('devices-button').click();
    const menu = a.page.getByTestId('device-menu');
    await menu.waitFor();
    expect(await seriousA11yProblems(a.page)).toEqual([]);
    await screenshot(a.page, 'call-device-menu');
    await a.page.getByTestId('device-mic').selectOption({ label: 'Fake Audio Input 1' });
    // The call sends the new microphone on the same producer: Gray goes on hearing Finley.
    await expect.poll(sentMic, { timeout: 10_000 }).toBe('Fake Audio Input 1');
    const heard = async () =>
      (await receiveStats(b.page)).find((r) => r.participantId === a.id && r.kind === 'audio')
        ?.packetsReceived ?? 0;
    const before = await heard();
    await expect.poll(heard, { timeout: 5_000 }).toBeGreaterThan(before);

    const speaker = a.page.getByTestId('device-speaker');
    const chosen = await speaker
      .locator('option', { hasText: 'Fake Audio Output 1' })
      .getAttribute('value');
    await speaker.selectOption({ label: 'Fake Audio Output 1' });
    await expect
      .poll(() =>
        a.page.evaluate(() => {
          type Audio = { sinkId: string };
          const g = globalThis as unknown as { document: { querySelectorAll(s: string): Audio[] } };
          return [...g.document.querySelectorAll('audio')].map((el) => el.sinkId);
        }),
      )
      .toEqual([chosen]);

    // Closed, the menu gives the focus back to its button.
    await a.page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    const focused = await a.page.evaluate(() => {
      type Focused = { getAttribute(name: string): string | null };
      const g = globalThis as unknown as { document: { activeElement: Focused | null } };
      return g.document.activeElement?.getAttribute('data-testid') ?? null;
    });
    expect(focused).toBe('devices-button');
  });
  it('keeps the call when the device menu cannot be downloaded, and loads it when opened again', async () => {
    const a = await open('Harper', 'devices-offline');
    const menuCode = '**/assets/DeviceMenu-*.js';
    await a.page.route(menuCode, (route) => route.abort());
    await a.page.getByTestId('devices-button').click();
    await a.page.getByRole('alert').filter({ hasText: 'did not load' }).waitFor();
    expect(await a.page.getByTestId('session-view').isVisible()).toBe(true);
    await a.page.keyboard.press('Escape');
    await a.page.unroute(menuCode);
    await a.page.getByTestId('devices-button').click();
    await a.page.getByTestId('device-menu').waitFor();
    expect(await a.page.getByTestId('session-view').isVisible()).toBe(true);
  });
});
