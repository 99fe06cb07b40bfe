import type { BenchResult } from './result.js';
import type { Machine } from './machine.js';

/** Everything below this line in docs/BENCHMARKS.md is written by hand and kept between runs. */
export const NOTES_MARKER = '<!-- Hand-written notes below are kept by `npm run bench`. -->';

export interface RunInfo {
  date: Date;
  machine: Machine;
  command: string;
  quick: boolean;
  seconds: number;
  /** 1-minute load average when the run ended. */
  loadAtEnd: number;
}

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The summary table in Markdown. */
export function summaryTable(results: readonly BenchResult[]): string {
  const lines = ['| Benchmark | Metric | Result | Goal | Met |', '| --- | --- | --- | --- | --- |'];
  for (const r of results) {
    if (r.error) lines.push(`| ${cell(r.title)} | (failed) | ${cell(r.error)} | | |`);
    for (const row of r.rows) {
      const met = row.met === undefined ? '' : row.met ? 'yes' : 'no';
      lines.push(
        `| ${cell(r.title)} | ${cell(row.metric)} | ${cell(row.value)} | ${cell(row.goal ?? '')} | ${met} |`,
      );
    }
  }
  return lines.join('\n');
}

/** The whole generated part of docs/BENCHMARKS.md, then the kept notes. */
export function renderDocument(
  results: readonly BenchResult[],
  run: RunInfo,
  notes: string,
): string {
  const m = run.machine;
  const busy = Math.max(m.loadAtStart, run.loadAtEnd);
  const parts = [
    '# Benchmarks',
    '',
    `Measured ${run.date.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, in ${Math.round(run.seconds)} s${run.quick ? ' (quick mode: short windows, not for comparison)' : ''}.`,
    '',
    `Command: \`${run.command}\``,
    '',
    `Speed probe: ${m.probeMs.toFixed(0)} ms for a fixed single-core workload; a system call from Node (a one-byte read of a cached file) ${m.syscallMicros.toFixed(2)} µs (lower is faster; see apps/server/bench/lib/machine.ts). Absolute figures of two runs compare only on machines with similar probes; the UDP floor, capacity and signaling follow the system call figure most.`,
    '',
    `Load average (1 min) at start ${m.loadAtStart.toFixed(2)}, at end ${run.loadAtEnd.toFixed(2)}` +
      (busy >= m.cores * 0.5
        ? ': the machine was shared with other work during the run, so absolute figures are lower than on an idle machine; the A/B ratios alternate windows to cancel most of it.'
        : '.'),
    '',
    'Goals are reported, never asserted. Every benchmark runs on loopback only and cleans up what it starts.',
    '',
    '## Summary',
    '',
    summaryTable(results),
    '',
  ];
  for (const r of results) {
    parts.push(
      `## ${r.title}`,
      '',
      `Took ${Math.round(r.seconds)} s.${settledText(r.settled)}`,
      '',
    );
    if (r.error) parts.push(`Failed: ${r.error}`, '');
    parts.push(...r.details, '');
  }
  parts.push(NOTES_MARKER, '', notes.trim(), '');
  return parts.join('\n');
}

/** The hand-written notes of an existing document (after the marker), or ''. */
export function keptNotes(existing: string): string {
  const at = existing.indexOf(NOTES_MARKER);
  return at < 0 ? '' : existing.slice(at + NOTES_MARKER.length);
}

/** How the machine was when a benchmark started, after waiting for it to go quiet. */
export function settledText(settled: BenchResult['settled']): string {
  if (!settled || settled.busy === undefined) return '';
  const busy = `${Math.round(settled.busy * 100)} % busy`;
  return settled.waitedMs < 600
    ? ` The machine was ${busy} when it started.`
    : ` It started after waiting ${(settled.waitedMs / 1000).toFixed(1)} s for the machine to go quiet (${busy} then${settled.busy > 0.1 ? ', the most it waits is 20 s' : ''}).`;
}
