import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { observer, type types } from 'mediasoup';
import { startServer, type TestServer } from '../helpers/server.js';
import {
  WEB_DIST,
  devRoomLink,
  expectReceiving,
  launchBrowser,
  newPage,
  openDevRoom,
} from './browser.js';

/** Every producer the in-process server makes, with its router. */
const producers: { producer: types.Producer; router: types.Router }[] = [];
observer.on('newworker', (worker) =>
  worker.observer.on('newrouter', (router) =>
    router.observer.on('newtransport', (transport) =>
      transport.observer.on('newproducer', (producer) => void producers.push({ producer, router })),
    ),
  ),
);

/** The trailer byte our encrypted frames end with (apps/web/src/call/e2ee/frames.ts). */
const E2EE_VERSION = 0xe1;

interface FrameEnd {
  /** The last payload byte of a frame's last packet. */
  last: number;
  /** The byte before it: the key id, in an encrypted frame. */
  keyId: number;
}

/** Where an RTP packet's payload starts and ends (after CSRCs, extensions, before padding). */
function payloadOf(packet: Buffer): Buffer | null {
  const first = packet[0] ?? 0;
  let offset = 12 + 4 * (first & 0x0f);
  if (first & 0x10) offset += 4 + 4 * packet.readUInt16BE(offset + 2);
  let end = packet.length;
  if (first & 0x20) end -= packet[end - 1] ?? 0;
  return end > offset ? packet.subarray(offset, end) : null;
}

/**
 * What the SFU forwards of one producer, read as the server sees it: a DirectTransport
 * consumer on its router. For each completed frame (the RTP marker bit), its last bytes.
 */
async function tapFrames(server: TestServer, room: string, owner: string, kind: 'audio' | 'video') {
  const session = server.app.clinic.registry.live(room);
  const info = session?.producersOf(owner).find((p) => p.kind === kind);
  const found = producers.find(({ producer }) => producer.id === info?.producerId);
  if (!found) throw new Error(`no ${kind} producer of ${owner}`);
  const transport = await found.router.createDirectTransport();
  const consumer = await transport.consume({
    producerId: found.producer.id,
    rtpCapabilities: found.router.rtpCapabilities,
  });
  const ends: FrameEnd[] = [];
  consumer.on('rtp', (packet: Buffer) => {
    const marker = ((packet[1] ?? 0) & 0x80) !== 0;
    const payload = payloadOf(packet);
    // Audio frames are one packet each; Opus's silence frames (1-2 bytes) go as they are.
    if (!payload || (kind === 'video' && !marker) || payload.length <= 2) return;
    ends.push({ last: payload[payload.length - 1] ?? 0, keyId: payload[payload.length - 2] ?? 0 });
  });
  if (kind === 'video') await consumer.requestKeyFrame();
  return { ends, close: () => transport.close() };
}

/** Waits until `tap` has seen `count` more frames than it had. */
async function frames(tap: { ends: FrameEnd[] }, count: number): Promise<FrameEnd[]> {
  const from = tap.ends.length;
  await expect.poll(() => tap.ends.length - from, { timeout: 20_000 }).toBeGreaterThan(count);
  return tap.ends.slice(from);
}

/**
 * End-to-end encrypted media between real browsers, through the real server and worker:
 * what the SFU forwards is encrypted (it carries our trailer and nothing the server could
 * decode), the browsers decode each other, a new key follows someone's departure, and a
 * browser that cannot encrypt is refused rather than sending in the clear.
 */
describe('end-to-end encrypted media', () => {
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

  const open = (name: string, sessionId: string) => openDevRoom(server, browser, name, sessionId);

  it('forwards only encrypted frames, which the browsers decode; a departure brings a new key', async () => {
    const a = await open('Avery', 'e2ee-group');
    const b = await open('Bailey', 'e2ee-group');
    await expectReceiving(a.page, b.id);
    await expectReceiving(b.page, a.id);
    await a.page.getByTestId('session-view').getByText('End-to-end encrypted').first().waitFor();

    const video = await tapFrames(server, 'dev-e2ee-group', a.id, 'video');
    const audio = await tapFrames(server, 'dev-e2ee-group', a.id, 'audio');
    const seen = await frames(video, 30);
    const heard = await frames(audio, 30);
    // Every frame the SFU forwards ends with the trailer, with the key id before it.
    expect(seen.filter((f) => f.last !== E2EE_VERSION)).toEqual([]);
    expect(heard.filter((f) => f.last !== E2EE_VERSION)).toEqual([]);
    const firstKey = seen.at(-1)?.keyId;

    // Casey comes and goes: Avery's frames move to a new key Casey never had, and Bailey
    // still decodes them.
    const c = await open('Casey', 'e2ee-group');
    await expectReceiving(c.page, a.id);
    await c.page.getByTestId('leave-button').click();
    await expect
      .poll(async () => (await frames(video, 5)).at(-1)?.keyId, { timeout: 20_000 })
      .not.toBe(firstKey);
    await expectReceiving(b.page, a.id);
    video.close();
    audio.close();
  });

  it('forwards frames as they are in a session that does not ask for it', async () => {
    // The same check on a plain room: the trailer is ours, not a property of VP8 or Opus.
    const a = await open('Devon', 'plain');
    const b = await open('Emery', 'plain');
    await expectReceiving(b.page, a.id);
    const video = await tapFrames(server, 'dev-plain', a.id, 'video');
    const seen = await frames(video, 30);
    expect(seen.filter((f) => f.last === E2EE_VERSION).length).toBeLessThan(seen.length / 4);
    video.close();
    await a.page.getByTestId('leave-button').click();
    await b.page.getByTestId('leave-button').click();
  });

  it('refuses a browser that cannot encrypt, which leaves instead of sending in the clear', async () => {
    const host = await open('Finley', 'e2ee-refusal');
    const url = await devRoomLink(server, 'e2ee-refusal', 'Gray');
    const page = await newPage(browser);
    await page.addInitScript(() => {
      delete (globalThis as { RTCRtpScriptTransform?: unknown }).RTCRtpScriptTransform;
    });
    const sent: string[] = [];
    page.on('websocket', (ws) =>
      ws.on('framesent', ({ payload }) => void sent.push(String(payload))),
    );
    await page.goto(`${server.url}${url}`);
    await expect
      .poll(() => page.getByText('this browser can’t encrypt video itself').count(), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    const session = server.app.clinic.registry.live('dev-e2ee-refusal');
    const gray = () => session?.room.all().find((p) => p.displayName === 'Gray');
    await expect.poll(() => gray()?.state).toMatchObject({ kind: 'left', reason: 'left' });
    // Gray's page never offered the SFU any media.
    expect(sent.filter((frame) => /"media:(produce|ready|createTransport)"/.test(frame))).toEqual(
      [],
    );
    expect(session?.room.admitted().map((p) => p.displayName)).toEqual(['Finley']);
    await host.page.getByTestId('leave-button').click();
  });
});
