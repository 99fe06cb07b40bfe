/**
 * Haven's benchmark suite: `node dist-bench/bench/main.js [--only a,b] [--write FILE]`.
 * HAVEN_BENCH_QUICK=1 shortens every window to a few seconds (for trying changes).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describeMachine, QUICK, settle, within } from './lib/machine.js';
import { keptNotes, renderDocument, summaryTable } from './lib/report.js';
import type { BenchResult } from './lib/result.js';
import { SUITES, type Suite } from './suites/index.js';
import { resolveWorkerBin } from './lib/worker-bin.js';

// Suites read the worker's path from here: resolve it once, before any starts.
process.env['MEDIASOUP_WORKER_BIN'] ??= resolveWorkerBin();

function args(): { only: Set<string> | null; write: string | null } {
  const argv = process.argv.slice(2);
  const value = (flag: string): string | null => {
    const at = argv.indexOf(flag);
    return at >= 0 ? (argv[at + 1] ?? null) : null;
  };
  const only = value('--only');
  return { only: only ? new Set(only.split(',')) : null, write: value('--write') };
}

/** The suite's process running now, killed with its process group if it runs out of time. */
let running: ChildProcess | undefined;

/**
 * Runs a suite in a child process (suite-child.js), in a private network namespace when
 * it asks for one and this is root with `unshare`; elsewhere such a suite's WebRTC peers
 * may also use the machine's other local addresses.
 */
async function run(suite: Suite): Promise<Omit<BenchResult, 'seconds' | 'error'>> {
  const resultFile = path.join(os.tmpdir(), `haven-bench-${process.pid}-${suite.id}.json`);
  const script = fileURLToPath(new URL('./suite-child.js', import.meta.url));
  const netns =
    suite.isolate === true && process.getuid?.() === 0 && fs.existsSync('/usr/bin/unshare');
  const [command, args] = netns
    ? ['unshare', ['--net', '--', process.execPath, script, suite.id, resultFile]]
    : [process.execPath, [script, suite.id, resultFile]];
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(command, args, {
        stdio: 'inherit',
        detached: true, // its own process group, so a kill reaches everything it started
        env: { ...process.env, HAVEN_BENCH_NETNS: netns ? '1' : '0' },
      });
      running = child;
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`${suite.id} exited with ${code ?? signal}`)),
      );
    });
    return JSON.parse(fs.readFileSync(resultFile, 'utf8')) as Omit<
      BenchResult,
      'seconds' | 'error'
    >;
  } finally {
    running = undefined;
    fs.rmSync(resultFile, { force: true });
  }
}

/** Ends a suite that ran out of time, and whatever it started. */
function stopRunning(): void {
  const pid = running?.pid;
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    running?.kill('SIGKILL');
  }
}

async function main(): Promise<void> {
  const { only, write } = args();
  const machine = describeMachine();
  const started = Date.now();
  const results: BenchResult[] = [];
  for (const suite of SUITES) {
    if (only && !only.has(suite.id)) continue;
    console.log(`\n==> ${suite.id}${QUICK ? ' (quick)' : ''}`);
    // Each benchmark starts on a quiet machine, not while the last one's processes wind down.
    const settled = await settle();
    const t0 = Date.now();
    try {
      const pending = run(suite);
      pending.catch(() => undefined); // still handled if it fails after the time limit
      const result = await within(suite.budgetMs, suite.id, pending);
      results.push({ ...result, seconds: (Date.now() - t0) / 1000, settled });
    } catch (error) {
      stopRunning();
      const message = error instanceof Error ? error.message : String(error);
      console.error(`${suite.id} failed: ${message}`);
      results.push({
        id: suite.id,
        title: suite.id,
        rows: [],
        details: [],
        error: message,
        seconds: (Date.now() - t0) / 1000,
        settled,
      });
    }
    const last = results.at(-1);
    if (last) console.log(summaryTable([last]));
  }
  console.log('\n' + summaryTable(results));
  if (write) {
    const file = path.resolve(write);
    const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const command = process.env['HAVEN_BENCH_COMMAND'] ?? `node ${process.argv.slice(1).join(' ')}`;
    const doc = renderDocument(
      results,
      {
        date: new Date(started),
        machine,
        command,
        quick: QUICK,
        seconds: (Date.now() - started) / 1000,
        loadAtEnd: os.loadavg()[0] ?? 0,
      },
      keptNotes(existing),
    );
    fs.writeFileSync(file, doc);
    console.log(`\nwrote ${file}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
