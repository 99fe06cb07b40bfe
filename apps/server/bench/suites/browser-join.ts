import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { QUICK, sleep } from '../lib/machine.js';
import { goalRow, type Bench } from '../lib/result.js';
import { startServer, type BenchServer } from '../lib/server.js';
import { Signal } from '../lib/signal.js';
import { cpuBetween, readProcessCpu, type ProcessCpu } from '../lib/process-cpu.js';
import { fmt, summarize } from '../lib/stats.js';

const WEB_DIST = fileURLToPath(new URL('../../../../web/dist', import.meta.url));
const ROOM = 'browser-bench';

/** Debian's Chromium, headless, fake camera and microphone: as test/browser/browser.ts launches it. */
function launch(): Promise<Browser> {
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

async function context(browser: Browser): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await ctx.grantPermissions(['camera', 'microphone']);
  return ctx;
}

/**
 * Runs in the page from its first script: polls the call client's receive statistics
 * and records the wall-clock time (ms since 1970) of the first decoded remote frame.
 */
const WATCH_FIRST_FRAME = `(() => {
  const marks = (globalThis.__joinMarks = {});
  const at = () => performance.timeOrigin + performance.now();
  // The page's peer connections, to see when the one that receives video has connected.
  const Native = globalThis.RTCPeerConnection;
  const connections = [];
  globalThis.RTCPeerConnection = new Proxy(Native, {
    construct(target, args) {
      const pc = Reflect.construct(target, args);
      connections.push(pc);
      return pc;
    },
  });
  // The page's signaling socket: when its WebSocket opened, and when it asked for media.
  const NativeSocket = globalThis.WebSocket;
  globalThis.WebSocket = new Proxy(NativeSocket, {
    construct(target, args) {
      const ws = Reflect.construct(target, args);
      ws.addEventListener('open', () => (marks.socket ??= at()));
      ws.addEventListener('message', ({ data }) => {
        if (String(data).startsWith('42["you:status",{"state":"admitted"')) marks.admitted ??= at();
      });
      const send = ws.send.bind(ws);
      ws.send = (data) => {
        if (String(data).includes('"media:ready"')) marks.asked ??= at();
        return send(data);
      };
      return ws;
    },
  });
  const receiving = (pc) =>
    pc.connectionState === 'connected' &&
    pc.getReceivers().some((r) => r.track.kind === 'video');
  const poll = async () => {
    const call = globalThis.__havenCall;
    if (call) {
      marks.client ??= at();
      if (connections.some(receiving)) marks.connected ??= at();
      const video = (await call.receiveStats()).filter((r) => r.kind === 'video');
      if (video.some((r) => r.packetsReceived > 0)) marks.packet ??= at();
      if (video.some((r) => r.framesDecoded > 0)) {
        marks.frame = at();
        return;
      }
    }
    setTimeout(poll, 10);
  };
  poll();
})();`;

/**
 * Patients joining the same room from a plain socket.io client in this process, one after
 * another: the server's own time for the page's socket and join, without a browser.
 */
async function bareJoins(
  server: BenchServer,
  count: number,
): Promise<{ connect: number[]; join: number[] }> {
  const connect: number[] = [];
  const join: number[] = [];
  for (let i = 0; i < count; i++) {
    const { token } = await server.devToken(ROOM, `Node patient ${i}`, 'patient');
    const t0 = performance.now();
    const signal = await Signal.connect(server.url, token);
    const t1 = performance.now();
    try {
      await signal.join(`dev-${ROOM}`);
      connect.push(t1 - t0);
      join.push(performance.now() - t1);
    } finally {
      signal.close();
    }
    await sleep(200);
  }
  return { connect, join };
}

/**
 * The renderers of `reading` still running once a context has closed and its renderers
 * have ended (none ended in the last 300 ms, or 2 s have passed).
 */
async function survivingRenderers(reading: ProcessCpu): Promise<Set<number>> {
  const renderers = [...reading].filter(([, p]) => p.kind === 'renderer').map(([pid]) => pid);
  let alive = new Set(renderers);
  for (let waited = 0, quiet = 0; waited < 2000 && quiet < 300; waited += 100) {
    await sleep(100);
    const next = new Set(renderers.filter((pid) => fs.existsSync(`/proc/${pid}`)));
    quiet = next.size === alive.size ? quiet + 100 : 0;
    alive = next;
  }
  return alive;
}

/** Each process's CPU during the joins (medians), largest first, and all of it against the wall clock. */
function cpuTable(cpu: readonly { used: Map<string, number>; ms: number }[]): string[] {
  if (cpu.length === 0) return [];
  const kinds = new Set(cpu.flatMap((c) => [...c.used.keys()]));
  const median = (kind: string) => summarize(cpu.map((c) => c.used.get(kind) ?? 0)).p50;
  const rows = [...kinds]
    .map((kind) => [kind, median(kind)] as const)
    .filter(([, ms]) => ms >= 5)
    .sort((a, b) => b[1] - a[1]);
  const total = summarize(cpu.map((c) => [...c.used.values()].reduce((a, b) => a + b, 0))).p50;
  const wall = summarize(cpu.map((c) => c.ms)).p50;
  return [
    `CPU time from page.goto until the frame was seen, by process (read from /proc, in steps of 10 ms; medians of ${cpu.length} joins; processes under 5 ms left out). All of it: ${fmt(total)} ms in ${fmt(wall)} ms, ${fmt(total / wall)} of the machine's cores.`,
    '',
    '| Process | CPU during a join |',
    '| --- | --- |',
    ...rows.map(([kind, ms]) => `| ${kind} | ${fmt(ms)} ms |`),
  ];
}

interface Marks {
  client?: number;
  socket?: number;
  admitted?: number;
  asked?: number;
  connected?: number;
  packet?: number;
  frame: number;
  domContentLoaded: number;
}

/**
 * 4. Browser join: a patient opens a room link in a fresh headless Chromium profile
 * (nothing cached) while a clinician's Chromium is already in the room sending its
 * fake camera; time to the first decoded remote video frame.
 */
export const browserJoin: Bench = async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('apps/web is not built');
  const runs = QUICK ? 3 : 10;
  const server = await startServer({ HAVEN_WEB_DIR: WEB_DIST });
  const browser = await launch();
  try {
    const host = await context(browser);
    const clinician = await host.newPage();
    const { url: hostUrl } = await server.devToken(ROOM, 'Clinician', 'clinician');
    await clinician.goto(`${server.url}${hostUrl}`);
    await clinician.getByTestId('session-view').waitFor({ timeout: 30_000 });
    await clinician.waitForTimeout(1000);
    const clinicianRenderers = new Set(
      [...readProcessCpu()].filter(([, p]) => p.kind === 'renderer').map(([pid]) => pid),
    );
    const samples: number[] = [];
    const phases: Record<Exclude<keyof Marks, 'frame'>, number[]> = {
      domContentLoaded: [],
      client: [],
      socket: [],
      admitted: [],
      asked: [],
      connected: [],
      packet: [],
    };
    const failures: string[] = [];
    const cpu: { used: Map<string, number>; ms: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const { url } = await server.devToken(ROOM, `Patient ${i}`, 'patient');
      const ctx = await context(browser);
      // The machine's processes from page.goto until the frame was seen (up to 50 ms later).
      let reading: { before: ProcessCpu; after: ProcessCpu; ms: number } | undefined;
      try {
        const page = await ctx.newPage();
        await page.addInitScript(WATCH_FIRST_FRAME);
        const cpuBefore = readProcessCpu();
        const opened = Date.now();
        await page.goto(`${server.url}${url}`);
        await page.waitForFunction(
          () => (globalThis as { __joinMarks?: { frame?: number } }).__joinMarks?.frame,
          undefined,
          { timeout: 20_000, polling: 50 },
        );
        const marks = await page.evaluate((): Marks => {
          const nav = performance.getEntriesByType('navigation' as never)[0] as unknown as
            { domContentLoadedEventEnd: number } | undefined;
          return {
            ...(globalThis as unknown as { __joinMarks: Marks }).__joinMarks,
            domContentLoaded:
              performance.timeOrigin + (nav?.domContentLoadedEventEnd ?? Number.NaN),
          };
        });
        reading = { before: cpuBefore, after: readProcessCpu(), ms: Date.now() - opened };
        samples.push(marks.frame - opened);
        for (const [phase, values] of Object.entries(phases)) {
          const at = marks[phase as keyof typeof phases];
          if (at) values.push(at - opened);
        }
      } catch (error) {
        failures.push(error instanceof Error ? error.message.split('\n')[0]! : String(error));
      } finally {
        await ctx.close();
      }
      if (reading) {
        // The clinician's renderer was there before the joins and outlives each; every
        // other renderer of the reading belonged to the joining page's context.
        const surviving = await survivingRenderers(reading.after);
        const clinicians = (pid: number) => clinicianRenderers.has(pid) && surviving.has(pid);
        cpu.push({
          ms: reading.ms,
          used: cpuBetween(reading.before, reading.after, (pid, kind) =>
            kind !== 'renderer'
              ? kind
              : clinicians(pid)
                ? "the clinician's renderer"
                : "the joining page's renderer",
          ),
        });
      }
    }
    const bare = await bareJoins(server, runs);
    const s = summarize(samples);
    return {
      id: 'browser-join',
      title: '4. Browser join',
      rows: [
        goalRow(
          `room link -> first decoded remote frame, p95 (${samples.length}/${runs} runs)`,
          s.p95,
          `median ${fmt(s.p50)} ms, p95 ${fmt(s.p95)} ms`,
          {
            op: '<=',
            limit: 500,
            text: 'p95 <= 500 ms',
          },
        ),
      ],
      details: [
        `Headless Debian Chromium (fake camera and microphone), 1280x800. A clinician's page stays in development room "${ROOM}"; for each of ${runs} runs a new browser context (empty cache, as a patient opening the link for the first time) opens the patient's room link and a script injected before the page's own records when the call client appears, when its socket's WebSocket opens, when it is admitted, when it sends media:ready, when the peer connection that receives video has connected (ICE and DTLS), and when its receive statistics first show a remote video packet and a decoded remote video frame. Time from page.goto to that moment: download and start of the app, socket, join, device load, transports (ICE and DTLS), consume, first key frame decoded. The joining patient's own camera and microphone start too, as they would.`,
        '',
        '| Moment (from page.goto) | median | p95 |',
        '| --- | --- | --- |',
        ...(
          [
            ['HTML parsed (DOMContentLoaded)', phases.domContentLoaded],
            ['call client created (route chunks loaded and run)', phases.client],
            ['socket open (WebSocket handshake done)', phases.socket],
            [
              'admitted (socket.io connected with the token, room:join sent, you:status received)',
              phases.admitted,
            ],
            [
              'media asked for (device loaded, call screen rendered, media:ready sent)',
              phases.asked,
            ],
            [
              'receiving transport connected (device, transports, consume; ICE and DTLS)',
              phases.connected,
            ],
            ['first remote video packet', phases.packet],
            ['first decoded remote frame', samples],
          ] as const
        ).map(
          ([name, values]) =>
            `| ${name} | ${fmt(summarize(values).p50)} ms | ${fmt(summarize(values).p95)} ms |`,
        ),
        '',
        "The socket opening, the admission and the media request are recorded as they happen, from the socket's frames; the other moments are sampled every 10 ms in the page, so each is up to 10 ms late.",
        '',
        ...cpuTable(cpu),
        '',
        `The same server, from a socket.io client in the bench process while the clinician's page stays in the room (${bare.connect.length} patients one after another, medians): socket connected with the token ${fmt(summarize(bare.connect).p50)} ms, then room:join answered ${fmt(summarize(bare.join).p50)} ms later. In the page the same two steps take from "call client created" to "admitted".`,
        '',
        `Samples (ms): ${samples.map((v) => fmt(v)).join(', ')}. min ${fmt(s.min)}, median ${fmt(s.p50)}, p95 ${fmt(s.p95)}, max ${fmt(s.max)}.`,
        failures.length > 0 ? `Failed runs: ${failures.join('; ')}` : '',
      ],
    };
  } finally {
    await browser.close();
    await server.close();
  }
};
