import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Processes by pid: what each is, and the CPU it has used so far (ms). */
export type ProcessCpu = Map<number, { kind: string; ms: number }>;

/**
 * What a process of a browser benchmark is, from its command line: Haven's server, a
 * mediasoup worker, or a Chromium process by its `--type` (utility processes by their
 * service: `audio`, `network`, ...; the browser process has no type). Undefined: not one
 * of these.
 */
export function processKind(cmdline: string): string | undefined {
  if (cmdline.includes('mediasoup-worker')) return 'mediasoup worker';
  if (cmdline.includes('server-child')) return 'Haven server';
  const program = (cmdline.split(' ')[0] ?? '').split('/').at(-1) ?? '';
  if (!/^(chromium|chrome|headless_shell|chrome-headless-shell)$/.test(program)) return undefined;
  const type = /--type=(\S+)/.exec(cmdline)?.[1];
  if (!type) return 'browser process';
  const service = /--utility-sub-type=(\S+)/.exec(cmdline)?.[1];
  return service ? `${service.split('.')[0]} service` : type;
}

/** User plus system CPU time of `/proc/PID/stat`, in clock ticks. */
export function statTicks(stat: string): number {
  // The fields after the command name, which may hold spaces: utime and stime are the
  // 14th and 15th of the line, the 12th and 13th after ") ".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

let ticksPerSecond: number | undefined;

/** The processes `processKind` recognises, with their CPU time so far; Linux only. */
export function readProcessCpu(): ProcessCpu {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  const out: ProcessCpu = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const kind = processKind(cmdline);
      if (!kind) continue;
      const ticks = statTicks(fs.readFileSync(`/proc/${entry}/stat`, 'utf8'));
      out.set(Number(entry), { kind, ms: (ticks * 1000) / ticksPerSecond });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return out;
}

/**
 * CPU used between two readings, summed by kind; `rename` may give a process another
 * kind (to tell two pages' renderers apart).
 */
export function cpuBetween(
  before: ProcessCpu,
  after: ProcessCpu,
  rename: (pid: number, kind: string) => string = (_, kind) => kind,
): Map<string, number> {
  const used = new Map<string, number>();
  for (const [pid, { kind, ms }] of after) {
    const name = rename(pid, kind);
    used.set(name, (used.get(name) ?? 0) + ms - (before.get(pid)?.ms ?? 0));
  }
  return used;
}
