import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { childPids, procCpuMs, QUICK, sleep, within } from '../lib/machine.js';
import { goalRow, type Bench } from '../lib/result.js';
import { startServer, type BenchServer } from '../lib/server.js';
import { fmt, summarize } from '../lib/stats.js';
import { Signal } from '../lib/signal.js';
import { installWebRtcGlobals, SyntheticMedia } from '../lib/wrtc-client.js';
import { newDevice, POLL_MS, transport, type Timing } from '../lib/storm-client.js';
import type { FromStormChild, Probe, StormJoin, ToStormChild } from '../storm-child.js';

const ROOMS = 5;
const CLIENTS = 50;
const SPREAD_MS = 1000;
/** Processes the patients are spread over (each with its own event loop and libwebrtc threads). */
const PROCESSES = 5;

/** A clinician already in the room, sending a synthetic camera and microphone. */
async function publisher(server: BenchServer, room: string) {
  const { token } = await server.devToken(room, 'Clinician', 'clinician');
  const signal = await Signal.connect(server.url, token);
  await signal.join(`dev-${room}`);
  const device = await newDevice(signal);
  await signal.request('media:ready', { rtpCapabilities: device.recvRtpCapabilities });
  const send = await transport(signal, device, 'send');
  const media = new SyntheticMedia();
  await send.produce({ track: media.audio as never, appData: { source: 'mic' } });
  await send.produce({ track: media.video as never, appData: { source: 'camera' } });
  return {
    close(): void {
      media.stop();
      send.close();
      signal.close();
    },
  };
}

/** A process running a share of the patients (storm-child.js). */
class StormChild {
  readonly #process: ChildProcess;
  #messages: FromStormChild[] = [];
  #waiting: (() => void) | null = null;

  private constructor(process: ChildProcess) {
    this.#process = process;
    process.on('message', (message: FromStormChild) => {
      this.#messages.push(message);
      this.#waiting?.();
    });
  }

  get pid(): number {
    return this.#process.pid ?? 0;
  }

  static async start(): Promise<StormChild> {
    const child = new StormChild(
      fork(fileURLToPath(new URL('../storm-child.js', import.meta.url)), [], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    await within(30_000, 'a storm client process to start', child.next('ready'));
    return child;
  }

  /** The next message of `kind` (earlier messages of other kinds are dropped). */
  async next<K extends FromStormChild['kind']>(
    kind: K,
  ): Promise<Extract<FromStormChild, { kind: K }>> {
    for (;;) {
      const at = this.#messages.findIndex((m) => m.kind === kind);
      if (at >= 0)
        return this.#messages.splice(0, at + 1).pop() as Extract<FromStormChild, { kind: K }>;
      if (this.#process.exitCode !== null) throw new Error('a storm client process exited');
      await new Promise<void>((resolve) => (this.#waiting = resolve));
    }
  }

  send(message: ToStormChild): void {
    this.#process.send(message);
  }

  /** Ends its calls and waits for it to exit. */
  async close(): Promise<void> {
    if (this.#process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.#process.once('exit', resolve));
    this.send({ kind: 'close' });
    await Promise.race([exited, sleep(5_000)]);
    this.#process.kill('SIGKILL');
  }
}

interface StormResult {
  clients: number;
  timings: Timing[];
  failures: string[];
  first: ReturnType<typeof summarize>;
  video: ReturnType<typeof summarize>;
  received: number;
  consumers: number;
  /** From the first join to the last consumer created, seconds. */
  consumeSpan: number;
  stormMs: number;
  /** Cores used during the storm, by who used them. */
  cpu: string;
}

/** One storm on a server of its own: publishers, then the patients of `PROCESSES` processes. */
async function storm(clients: number, probe: Probe): Promise<StormResult> {
  const server = await startServer();
  const cleanup: (() => void)[] = [];
  const children: StormChild[] = [];
  try {
    for (let i = 0; i < PROCESSES; i++) children.push(await StormChild.start());
    const rooms = Array.from({ length: ROOMS }, (_, i) => `storm-${i}`);
    for (const room of rooms) {
      const p = await publisher(server, room);
      cleanup.push(() => p.close());
    }
    await sleep(1500); // the publishers' media is flowing
    const tokens = await Promise.all(
      Array.from({ length: clients }, (_, i) =>
        server.devToken(rooms[i % ROOMS]!, `Patient ${i}`, 'patient'),
      ),
    );
    // Who used the two cores during the storm: the server's main process, its mediasoup
    // workers, the patients' processes, this process (the clinicians' clients).
    const cpuGroups = {
      server: [server.pid],
      workers: childPids(server.pid),
      patients: children.map((c) => c.pid),
      clinicians: [process.pid],
    };
    const cpuOf = () =>
      Object.fromEntries(
        Object.entries(cpuGroups).map(([k, pids]) => [
          k,
          pids.reduce((sum, pid) => sum + (procCpuMs(pid) ?? 0), 0),
        ]),
      );
    const cpuBefore = cpuOf();
    const stormStart = performance.timeOrigin + performance.now();
    const shares = Array.from({ length: PROCESSES }, () => [] as StormJoin[]);
    tokens.forEach(({ token }, i) =>
      shares[i % PROCESSES]!.push({
        token,
        room: rooms[i % ROOMS]!,
        delayMs: (i / clients) * SPREAD_MS,
      }),
    );
    const results = await within(
      60_000,
      'the join storm',
      Promise.all(
        children.map(async (child, i) => {
          const done = child.next('done');
          child.send({ kind: 'go', url: server.url, joins: shares[i]!, probe });
          return done;
        }),
      ),
    );
    const stormMs = performance.timeOrigin + performance.now() - stormStart;
    const cpuAfter = cpuOf();
    const timings = results.flatMap((r) => r.timings);
    const consumeAcks = results.flatMap((r) => r.consumeAcks);
    const received = timings.filter((t) => Number.isFinite(t.firstPacket));
    return {
      clients,
      timings,
      failures: results.flatMap((r) => r.failures),
      first: summarize(received.map((t) => t.firstPacket)),
      video: summarize(
        timings.filter((t) => Number.isFinite(t.firstVideo)).map((t) => t.firstVideo),
      ),
      received: received.length,
      consumers: consumeAcks.length,
      consumeSpan: (Math.max(...consumeAcks) - stormStart) / 1000,
      stormMs,
      cpu: Object.keys(cpuGroups)
        .map((k) => `${k} ${fmt((cpuAfter[k]! - cpuBefore[k]!) / stormMs)}`)
        .join(', '),
    };
  } finally {
    await Promise.all(children.map((child) => child.close()));
    for (const fn of cleanup.reverse()) {
      try {
        fn();
      } catch {
        // already closed
      }
    }
    await server.close();
  }
}

/**
 * 3. Join storm: 50 patients join five rooms within one second through the real
 * server, each a Node WebRTC client (libwebrtc from @roamhq/wrtc under mediasoup-client's
 * Chrome111 handler) that receives the room's clinician. Run twice: with each client
 * process asking libwebrtc for its capabilities once for its patients (the figure), and
 * with each patient asking for its own, as a browser does, but here on the server's cores.
 */
export const joinStorm: Bench = async () => {
  installWebRtcGlobals();
  const clients = QUICK ? 20 : CLIENTS;
  const main = await storm(clients, 'process');
  const each = await storm(clients, 'each');
  const { first, video } = main;
  const phase = (pick: (t: Timing) => number) => summarize(main.timings.map(pick));
  const row = (name: string, s: ReturnType<typeof summarize>) =>
    `| ${name} | ${fmt(s.p50)} ms | ${fmt(s.p95)} ms | ${fmt(s.max)} ms |`;
  const failed = (r: StormResult) =>
    r.failures.length > 0
      ? `${r.failures.length} failed (${[...new Set(r.failures)].slice(0, 3).join('; ')})`
      : 'no client failed';
  return {
    id: 'join-storm',
    title: '3. Join storm',
    rows: [
      goalRow(
        `socket connect -> first remote RTP packet, p95 (${main.received}/${clients} clients)`,
        first.p95,
        `p50 ${fmt(first.p50)} ms, p95 ${fmt(first.p95)} ms`,
        {
          op: '<=',
          limit: 300,
          text: 'p95 <= 300 ms',
        },
      ),
      {
        metric: 'first remote video packet',
        value: `p50 ${fmt(video.p50)} ms, p95 ${fmt(video.p95)} ms`,
      },
      {
        metric: 'consumers created per second during the storm',
        value: `${fmt(main.consumers / main.consumeSpan)} /s (${main.consumers} in ${fmt(main.consumeSpan)} s)`,
      },
      {
        metric: `same storm, each patient probing libwebrtc itself: first RTP packet (${each.received}/${clients} clients)`,
        value: `p50 ${fmt(each.first.p50)} ms, p95 ${fmt(each.first.p95)} ms`,
      },
    ],
    details: [
      `${clients} patients join ${ROOMS} development rooms (one clinician each, already sending 320x240 VP8 at 15 fps and Opus from synthetic sources), starting evenly over ${SPREAD_MS} ms. Each patient connects its socket, joins, loads a mediasoup-client Device (Chrome111 handler on @roamhq/wrtc) with libwebrtc's RTP capabilities and the router capabilities that came with its admission, sends media:ready asking the server to open its receive transport and consume what it may see (as the web client does), sets up the two consumers (which the server started flowing, as the web client asks when its tiles are in view), then polls its receive transport's getStats() (the peer connection's report: wrtc has no per-receiver statistics) every ${POLL_MS} ms until inbound-rtp packetsReceived > 0 (so figures are up to ${POLL_MS} ms late). Times are from the moment the client starts connecting its socket. The server runs in its own process; the patients are spread over ${PROCESSES} client processes (as separate browsers would be, each with its own event loop and libwebrtc threads), the clinicians run in the bench process, and everything runs in a private network namespace with only the loopback interface.`,
      '',
      `libwebrtc's capabilities (a peer connection and an offer per direction, which the web client asks for while its socket connects) are the same for every patient of a client process. In the figure each process asks once, when its storm starts, for its ${Math.ceil(clients / PROCESSES)} patients: a patient's browser asks on its own device, in parallel with its socket connecting, where here a hundred such offers would compete with the server for its two cores. The storm is then run again with each patient asking for its own (a fresh server and fresh processes).`,
      '',
      '| Phase (from socket connect start) | p50 | p95 | max |',
      '| --- | --- | --- | --- |',
      ...(
        [
          ['socket connected', (t) => t.connected],
          ['joined (room:join acknowledged)', (t) => t.joined],
          ['consumers resumed', (t) => t.consumed],
          [
            '... of which waiting for the server (socket connect, acknowledgements)',
            (t) => t.waited,
          ],
          ['... of which client work (Device, SDP, libwebrtc)', (t) => t.consumed - t.waited],
        ] as const satisfies readonly (readonly [string, (t: Timing) => number])[]
      ).map(([name, pick]) => row(name, phase(pick))),
      row('first RTP packet (any consumer)', first),
      row('first video RTP packet', video),
      row('first RTP packet, each patient probing libwebrtc itself', each.first),
      '',
      `The clients are libwebrtc peer connections, ${Math.ceil(clients / PROCESSES)} to a process, on the same two cores as the server and its workers. The split separates the time each client waited for the server (socket connect, and any time with a request unanswered, which includes the client's own event loop being busy when the answer arrives) from its own work.`,
      '',
      `CPU used from the first join until the last patient had its packets, in cores (the machine has ${os.cpus().length}): ${main.cpu} (${fmt(main.stormMs / 1000)} s); with each patient probing: ${each.cpu} (${fmt(each.stormMs / 1000)} s).`,
      '',
      `Clients: ${failed(main)}; with each patient probing, ${failed(each)}.`,
    ],
  };
};
