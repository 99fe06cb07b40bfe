import { PROTOCOL_VERSION } from '@haven/protocol';
import type { Socket } from 'socket.io-client';
import { QUICK, sleep } from '../lib/machine.js';
import { goalRow, type Bench } from '../lib/result.js';
import { startServer, type BenchServer } from '../lib/server.js';
import { connectSocket } from '../lib/signal.js';
import { fmt, summarize } from '../lib/stats.js';

/** Under the server's per-socket limit of 50 requests per second. */
const PER_CLIENT_RATE = 40;

type Ack = { ok: boolean; error?: { code: string } };

function request(socket: Socket, name: string, payload: unknown): Promise<Ack> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${name}`)), 15_000);
    socket.emit(name, payload, (ack: Ack) => {
      clearTimeout(timer);
      resolve(ack);
    });
  });
}

/** Clients joined to development rooms of `roomSize`, connected in batches. */
async function joinClients(
  server: BenchServer,
  count: number,
  roomSize: number,
  prefix: string,
): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, count - i) }, async (_, j) => {
        const n = i + j;
        const room = `${prefix}-${Math.floor(n / roomSize)}`;
        const { token } = await server.devToken(
          room,
          `Client ${n}`,
          n % roomSize === 0 ? 'clinician' : 'patient',
        );
        const socket = await connectSocket(server.url, token);
        const joined = await request(socket, 'room:join', {
          protocolVersion: PROTOCOL_VERSION,
          sessionId: `dev-${room}`,
        });
        if (!joined.ok) throw new Error(`join failed: ${JSON.stringify(joined.error)}`);
        return socket;
      }),
    );
    sockets.push(...batch);
  }
  return sockets;
}

interface Load {
  offered: number;
  acked: number;
  failed: number;
  perCore: number;
  serverCores: number;
  latency: ReturnType<typeof summarize>;
}

/** Every client raises and lowers its hand at PER_CLIENT_RATE, for `seconds`. */
async function load(server: BenchServer, sockets: Socket[], seconds: number): Promise<Load> {
  const latencies: number[] = [];
  let failed = 0;
  const before = await server.stats();
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    sockets.map(async (socket, i) => {
      await sleep((i / sockets.length) * (1000 / PER_CLIENT_RATE));
      let raised = false;
      let next = performance.now();
      while (next < end) {
        const sentAt = performance.now();
        const ack = await request(socket, raised ? 'hand:lower' : 'hand:raise', {});
        latencies.push(performance.now() - sentAt);
        if (!ack.ok) failed++;
        raised = !raised;
        next += 1000 / PER_CLIENT_RATE;
        const wait = next - performance.now();
        if (wait > 0) await sleep(wait);
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  const after = await server.stats();
  const cpuSeconds = (after.cpuMicros - before.cpuMicros) / 1e6;
  return {
    offered: sockets.length * PER_CLIENT_RATE,
    acked: latencies.length / wall,
    failed,
    perCore: latencies.length / cpuSeconds,
    serverCores: cpuSeconds / wall,
    latency: summarize(latencies),
  };
}

/**
 * 5. Signaling. The real server in its own process; socket.io clients in development
 * rooms of ten raise and lower their hands. Requests per core = acknowledged requests
 * divided by the server process's CPU seconds (process.cpuUsage, all its threads).
 */
export const signaling: Bench = async () => {
  const server = await startServer({ HAVEN_WORKERS: '1' });
  const sockets: Socket[] = [];
  try {
    const idle = await server.stats(true);
    const seconds = QUICK ? 2 : 4;
    // Rooms of one: the request and its answer, which carries the requester's new state.
    // Rooms of ten: an IOP group, where every hand raised is also sent to the nine others.
    const plan = QUICK
      ? [
          { roomSize: 1, clients: 100 },
          { roomSize: 10, clients: 100 },
        ]
      : [
          { roomSize: 1, clients: 400 },
          { roomSize: 10, clients: 200 },
          { roomSize: 10, clients: 500 },
        ];
    const results: (Load & { roomSize: number; clients: number })[] = [];
    for (const { roomSize, clients } of plan) {
      const group = sockets.filter(
        (s) => (s as Socket & { roomSize?: number }).roomSize === roomSize,
      );
      const added = await joinClients(
        server,
        clients - group.length,
        roomSize,
        `r${roomSize}-${group.length}`,
      );
      for (const s of added) (s as Socket & { roomSize?: number }).roomSize = roomSize;
      sockets.push(...added);
      const active = sockets.filter(
        (s) => (s as Socket & { roomSize?: number }).roomSize === roomSize,
      );
      results.push({ ...(await load(server, active, seconds)), roomSize, clients });
    }
    await sleep(500);
    const joined = await server.stats(true);
    const perClient = (joined.heapUsed - idle.heapUsed) / sockets.length;
    const perClientRss = (joined.rss - idle.rss) / sockets.length;
    const best = (size: number) =>
      results.filter((r) => r.roomSize === size).reduce((a, r) => (r.perCore > a.perCore ? r : a));
    const solo = best(1);
    const group = best(10);
    const top = results.at(-1)!;
    return {
      id: 'signaling',
      title: '5. Signaling',
      rows: [
        goalRow(
          'hand:raise/lower acked per second per core (rooms of 1)',
          solo.perCore,
          `${fmt(solo.perCore)} /s/core`,
          {
            op: '>=',
            limit: 30_000,
            text: '>= 30,000 /s/core',
          },
        ),
        goalRow(
          'same, rooms of 10 (each ack also updates the 9 others)',
          group.perCore,
          `${fmt(group.perCore)} /s/core`,
          {
            op: '>=',
            limit: 30_000,
            text: '>= 30,000 /s/core',
          },
        ),
        {
          metric: `p99 latency at ${fmt(top.acked)} acks/s (${top.clients} clients, rooms of ${top.roomSize})`,
          value: `${fmt(top.latency.p99)} ms`,
        },
        {
          metric: 'server memory per idle joined client',
          value: `${fmt(perClient / 1024)} KiB heap, ${fmt(perClientRss / 1024)} KiB RSS`,
        },
      ],
      details: [
        `Development rooms (no waiting room) of 1 or 10 people; each client sends ${PER_CLIENT_RATE} requests per second (the server allows a socket 50/s), one outstanding at a time, alternating hand:raise and hand:lower. Every request is parsed, authorized, applied and acknowledged (the answer carries the requester's new state), and sends participant:updated to everyone else in the room; a client's messages of one event-loop turn leave in one socket write. Requests per core = acknowledged requests / CPU seconds of the server process (process.cpuUsage: all its threads).`,
        '',
        '| Room size | Clients | Offered /s | Acked /s | Failed | Server CPU | Acks per core-second | p50 | p95 | p99 |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        ...results.map(
          (r) =>
            `| ${r.roomSize} | ${r.clients} | ${fmt(r.offered)} | ${fmt(r.acked)} | ${r.failed} | ${fmt(r.serverCores)} cores | ${fmt(r.perCore)} | ${fmt(r.latency.p50)} ms | ${fmt(r.latency.p95)} ms | ${fmt(r.latency.p99)} ms |`,
        ),
        '',
        `Memory: ${sockets.length} joined, idle clients; server heap after a forced GC ${fmt(idle.heapUsed / 2 ** 20)} MiB before they connected, ${fmt(joined.heapUsed / 2 ** 20)} MiB after: ${fmt(perClient / 1024)} KiB heap and ${fmt(perClientRss / 1024)} KiB RSS per client. The clients run in the bench process, so their CPU is not counted as the server's; on this machine they compete with it for the second core.`,
      ],
    };
  } finally {
    for (const socket of sockets) socket.close();
    await server.close();
  }
};
