import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';

/** The machine a run happened on, for the report header. */
export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  /** 1-minute load average when the run started: other work on the machine. */
  loadAtStart: number;
  /** Milliseconds one core took for a fixed workload (speedProbe): compares machines and runs. */
  probeMs: number;
  /** Microseconds for one small system call as Node makes it (syscallProbe). */
  syscallMicros: number;
}

export function describeMachine(): Machine {
  return {
    cores: os.availableParallelism(),
    cpuModel: cpuModel(readOrEmpty('/proc/cpuinfo')) ?? os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAtStart: os.loadavg()[0] ?? 0,
    probeMs: speedProbe(),
    syscallMicros: syscallProbe(),
  };
}

/**
 * A fixed single-thread workload (hashing, JSON, object churn), best of five: virtual
 * machines of the same name differ several-fold in speed, and absolute figures of two
 * runs compare only together with this one.
 */
export function speedProbe(): number {
  const data = Buffer.alloc(4 << 20, 7);
  const record = { id: 'a1b2c3', minutes: [5, 10, 15], note: 'x'.repeat(200) };
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    createHash('sha256').update(data).digest();
    for (let i = 0; i < 20_000; i++) JSON.parse(JSON.stringify({ ...record, i }));
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/**
 * One small system call as Node makes it: a one-byte read of a file in the page cache,
 * best of five rounds. The figures bound by system calls (the UDP floor, capacity,
 * signaling's socket writes) move with it, and virtual machines of one name differ in it
 * several-fold (page-table isolation, the hypervisor's exits); the speed probe makes
 * almost none.
 */
export function syscallProbe(): number {
  const calls = 50_000;
  const fd = fs.openSync(process.execPath, 'r');
  const byte = Buffer.alloc(1);
  let best = Number.POSITIVE_INFINITY;
  try {
    for (let round = 0; round < 5; round++) {
      const start = performance.now();
      for (let i = 0; i < calls; i++) fs.readSync(fd, byte, 0, 1, 0);
      best = Math.min(best, performance.now() - start);
    }
  } finally {
    fs.closeSync(fd);
  }
  return (best * 1000) / calls;
}

/** The first "model name" of /proc/cpuinfo. */
export function cpuModel(cpuinfo: string): string | undefined {
  const line = cpuinfo.split('\n').find((l) => l.startsWith('model name'));
  return line?.split(':').slice(1).join(':').trim() || undefined;
}

export interface UdpSocketRow {
  localPort: number;
  rxQueue: number;
  drops: number;
}

/**
 * The IPv4 UDP sockets of /proc/net/udp with their receive-queue bytes and the
 * datagrams the kernel dropped because the queue was full.
 */
export function parseProcNetUdp(text: string): UdpSocketRow[] {
  const rows: UdpSocketRow[] = [];
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 13) continue;
    const port = Number.parseInt(fields[1]?.split(':')[1] ?? '', 16);
    const rxQueue = Number.parseInt(fields[4]?.split(':')[1] ?? '', 16);
    const drops = Number.parseInt(fields[12] ?? '', 10);
    if (Number.isFinite(port)) rows.push({ localPort: port, rxQueue, drops: drops || 0 });
  }
  return rows;
}

/** Kernel drops summed over the sockets bound to `ports`. */
export function udpDrops(ports: ReadonlySet<number>): number {
  return parseProcNetUdp(readOrEmpty('/proc/net/udp'))
    .filter((r) => ports.has(r.localPort))
    .reduce((sum, r) => sum + r.drops, 0);
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** CPU time this process used (all threads), in microseconds. */
export function processCpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Whether the quick mode (a few seconds per benchmark) is on. */
export const QUICK = process.env['HAVEN_BENCH_QUICK'] === '1';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Rejects if `promise` takes longer than `ms`; the bound every benchmark step runs under. */
export async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Clock ticks per second of /proc times (USER_HZ): 100 on Linux. */
const USER_HZ = 100;

/**
 * CPU time (user + system, ms) of process `pid` from /proc/PID/stat: the same counters
 * getrusage reports, read without asking the process (which may be too busy to answer).
 * Undefined where /proc is not there.
 */
export function procCpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  return parseProcStatCpuMs(stat);
}

/** The processes `pid` started (its threads' children), from /proc; empty where /proc is not there. */
export function childPids(pid: number): number[] {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((tid) => fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' '))
      .filter((p) => p.trim() !== '')
      .map(Number);
  } catch {
    return [];
  }
}

/** utime + stime (fields 14 and 15) of a /proc/PID/stat line, in ms. */
export function parseProcStatCpuMs(stat: string): number | undefined {
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime)
    ? ((utime + stime) * 1000) / USER_HZ
    : undefined;
}

/** The machine's CPU counters (all cores) from the first line of /proc/stat, in ticks. */
export interface CpuTicks {
  busy: number;
  total: number;
}

/** Busy (everything but idle and iowait) and total ticks of /proc/stat's `cpu` line. */
export function parseProcStatTotals(stat: string): CpuTicks | undefined {
  const line = stat.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return undefined;
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (ticks.length < 5 || ticks.some((t) => !Number.isFinite(t))) return undefined;
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = ticks[3]! + ticks[4]!; // idle, iowait
  return { busy: total - idle, total };
}

function cpuTicks(): CpuTicks | undefined {
  try {
    return parseProcStatTotals(fs.readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
}

/** How busy the whole machine is, a number from 0 (idle) to 1. */
export async function machineBusy(ms: number): Promise<number | undefined> {
  const a = cpuTicks();
  await sleep(ms);
  const b = cpuTicks();
  if (!a || !b || b.total <= a.total) return undefined;
  return (b.busy - a.busy) / (b.total - a.total);
}

/**
 * Waits until the machine is quiet (at most `maxBusy` of its CPU busy over half a
 * second), so that a benchmark does not start while the previous one's processes are
 * still winding down; gives up after `timeoutMs`. Returns how long it waited and how
 * busy the machine was last.
 */
export async function settle(
  maxBusy = 0.1,
  timeoutMs = 20_000,
): Promise<{ waitedMs: number; busy: number | undefined }> {
  const start = performance.now();
  let busy: number | undefined;
  do {
    busy = await machineBusy(500);
    if (busy === undefined || busy <= maxBusy) break;
  } while (performance.now() - start < timeoutMs);
  return { waitedMs: performance.now() - start, busy };
}
