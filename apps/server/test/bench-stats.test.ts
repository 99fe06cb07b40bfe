import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  childPids,
  cpuModel,
  parseProcNetUdp,
  parseProcStatCpuMs,
  parseProcStatTotals,
} from '../bench/lib/machine.js';
import {
  NOTES_MARKER,
  keptNotes,
  renderDocument,
  settledText,
  summaryTable,
} from '../bench/lib/report.js';
import { cpuBetween, processKind, readProcessCpu, statTicks } from '../bench/lib/process-cpu.js';
import { goalRow } from '../bench/lib/result.js';
import { bytesBySource, decodeVlq, moduleName, packageOf } from '../bench/lib/sourcemap.js';
import {
  deliveryDelta,
  fmt,
  lossRatio,
  quantile,
  SequenceTracker,
  summarize,
} from '../bench/lib/stats.js';

describe('the benchmark statistics', () => {
  it('interpolates quantiles and summarizes samples', () => {
    expect(quantile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(quantile([5], 0.95)).toBe(5);
    expect(quantile([], 0.5)).toBeNaN();
    const s = summarize([3, 1, 2, 4, 100]);
    expect(s).toMatchObject({ count: 5, min: 1, p50: 3, max: 100, mean: 22 });
    expect(s.p95).toBeCloseTo(80.8);
  });

  it('counts RTP sequence gaps across the 16-bit wrap, ignoring duplicates and late packets', () => {
    const t = new SequenceTracker();
    for (const seq of [65533, 65534, 65535, 1, 2, 2, 0, 5]) t.add(seq);
    // 65533..5 is 9 numbers; received 8 (one duplicate counted); 3 and 4 missing.
    expect(t.expected).toBe(9);
    expect(t.received).toBe(8);
    expect(t.lost).toBe(1);
    expect(new SequenceTracker().expected).toBe(0);
  });

  it('turns counters into window deltas and loss ratios', () => {
    const d = deliveryDelta({ received: 100, expected: 100 }, { received: 1090, expected: 1100 });
    expect(d).toEqual({ received: 990, expected: 1000 });
    expect(lossRatio(d)).toBeCloseTo(0.01);
    expect(lossRatio({ received: 0, expected: 0 })).toBe(0);
    expect(fmt(1234567)).toBe('1,234,567');
    expect(fmt(0.98765)).toBe('0.988');
    expect(fmt(Number.NaN)).toBe('n/a');
  });

  it('checks goals in either direction', () => {
    expect(goalRow('x', 90, '90 ms', { op: '<=', limit: 100, text: '<= 100 ms' }).met).toBe(true);
    expect(goalRow('x', 1.2, '1.2x', { op: '<=', limit: 1.05, text: '<= 1.05x' }).met).toBe(false);
    expect(goalRow('x', 0.7, '0.7x', { op: '>=', limit: 0.6, text: '>= 0.6x' }).met).toBe(true);
    expect(goalRow('x', Number.NaN, 'n/a', { op: '>=', limit: 1, text: '' }).met).toBeUndefined();
  });
});

describe('the benchmark report helpers', () => {
  it('decodes source-map VLQs and attributes generated characters to sources', () => {
    expect(decodeVlq('AAAA')).toEqual([0, 0, 0, 0]);
    expect(decodeVlq('gBAAD')).toEqual([16, 0, 0, -1]);
    expect(decodeVlq('2HAAC')).toEqual([123, 0, 0, 1]);
    // Line 1: "abcdef" with a.ts from column 0 and b.ts from column 4; line 2 all b.ts.
    const bytes = bytesBySource('abcdef\nxyz', {
      sources: ['a.ts', 'b.ts'],
      mappings: 'AAAA,ICAA;AAAA',
    });
    expect(Object.fromEntries(bytes)).toEqual({ 'a.ts': 4, 'b.ts': 5 });
    expect(moduleName('../../node_modules/react-dom/cjs/x.js')).toBe('react-dom: cjs/x.js');
    expect(moduleName('../../node_modules/@radix-ui/react-collection/dist/index.mjs')).toBe(
      '@radix-ui/react-collection: dist/index.mjs',
    );
    expect(moduleName('../src/call/CallClient.ts')).toBe('src/call/CallClient.ts');
    expect(packageOf('react-dom: cjs/x.js')).toBe('react-dom');
    expect(packageOf('src/call/CallClient.ts')).toBe('haven web (src/)');
  });

  it('reads kernel UDP drops and the CPU model', () => {
    const text = [
      '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
      '  123: 0100007F:AFC8 00000000:0000 07 00000000:00000100 00:00000000 00000000     0        0 1234 2 0000000000000000 17',
    ].join('\n');
    expect(parseProcNetUdp(text)).toEqual([{ localPort: 0xafc8, rxQueue: 256, drops: 17 }]);
    expect(cpuModel('processor\t: 0\nmodel name\t: AMD EPYC 7B13\n')).toBe('AMD EPYC 7B13');
    expect(cpuModel('')).toBeUndefined();
    // utime 250 and stime 50 ticks of 10 ms; the command name holds a space and a parenthesis.
    const stat = '4242 (mediasoup (w) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 1 0';
    expect(parseProcStatCpuMs(stat)).toBe(3000);
  });

  it('finds the processes a process started', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      expect(childPids(process.pid)).toContain(child.pid);
      expect(childPids(child.pid!)).toEqual([]);
      expect(childPids(0x7ffffffe)).toEqual([]);
    } finally {
      child.kill();
    }
  });

  it('writes the table and keeps the hand-written notes between runs', () => {
    const results = [
      {
        id: 'a',
        title: '1. A',
        seconds: 3,
        details: ['detail'],
        rows: [{ metric: 'm|x', value: '5', goal: '<= 6', met: true }],
      },
      { id: 'b', title: '2. B', seconds: 1, details: [], rows: [], error: 'boom' },
    ];
    expect(summaryTable(results)).toContain('| 1. A | m\\|x | 5 | <= 6 | yes |');
    expect(summaryTable(results)).toContain('| 2. B | (failed) | boom | | |');
    const machine = {
      cores: 2,
      cpuModel: 'CPU',
      memoryGiB: 24,
      node: 'v20',
      loadAtStart: 1.5,
      probeMs: 66.4,
      syscallMicros: 0.734,
    };
    const doc = renderDocument(
      results,
      {
        date: new Date(Date.UTC(2030, 0, 2, 3, 4)),
        machine,
        command: 'npm run bench',
        quick: false,
        seconds: 10,
        loadAtEnd: 0.2,
      },
      '\nKeep me.\n',
    );
    expect(doc).toContain('2030-01-02 03:04 UTC on 2 cores (CPU)');
    expect(doc).toContain('Command: `npm run bench`');
    expect(doc).toContain('Speed probe: 66 ms');
    expect(doc).toContain('(a one-byte read of a cached file) 0.73 µs');
    expect(doc).toContain('shared with other work');
    expect(keptNotes(doc).trim()).toBe('Keep me.');
    expect(doc.indexOf(NOTES_MARKER)).toBeGreaterThan(doc.indexOf('detail'));
  });

  it('reads how busy the machine is from /proc/stat and says how each run started', () => {
    // user nice system idle iowait irq softirq steal guest guest_nice
    const stat = 'cpu  100 5 50 800 20 0 5 0 0 0\ncpu0 50 2 25 400 10 0 2 0 0 0\nintr 1 2 3\n';
    expect(parseProcStatTotals(stat)).toEqual({ busy: 160, total: 980 });
    expect(parseProcStatTotals('intr 1 2 3\n')).toBeUndefined();
    expect(parseProcStatTotals('cpu  1 2 x 4 5\n')).toBeUndefined();

    expect(settledText(undefined)).toBe('');
    expect(settledText({ waitedMs: 500, busy: 0.04 })).toBe(
      ' The machine was 4 % busy when it started.',
    );
    expect(settledText({ waitedMs: 3200, busy: 0.08 })).toBe(
      ' It started after waiting 3.2 s for the machine to go quiet (8 % busy then).',
    );
    expect(settledText({ waitedMs: 20_400, busy: 0.35 })).toContain('the most it waits is 20 s');
  });

  it('tells the processes of a browser benchmark apart and sums their CPU by kind', () => {
    const chromium = '/usr/lib/chromium/chromium';
    expect(processKind(`${chromium} --headless --no-sandbox`)).toBe('browser process');
    expect(processKind(`${chromium} --type=renderer --lang=en-US`)).toBe('renderer');
    expect(processKind(`${chromium} --type=gpu-process --headless`)).toBe('gpu-process');
    expect(
      processKind(`${chromium} --type=utility --utility-sub-type=audio.mojom.AudioService`),
    ).toBe('audio service');
    expect(processKind('/usr/lib/chromium/chrome_crashpad_handler --database=x')).toBeUndefined();
    expect(processKind('/root/.cache/haven/mediasoup-worker/3.19.3-x/mediasoup-worker')).toBe(
      'mediasoup worker',
    );
    expect(processKind('node --expose-gc /x/bench/server-child.js')).toBe('Haven server');
    expect(processKind('node /x/bench/main.js --only browser-join')).toBeUndefined();

    // pid (name with spaces) state ppid ... utime stime: fields 14 and 15.
    const stat = '42 (Web Content x) S 1 42 42 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 9 0 1\n';
    expect(statTicks(stat)).toBe(325);

    const before = new Map([
      [1, { kind: 'renderer', ms: 100 }],
      [2, { kind: 'renderer', ms: 40 }],
      [3, { kind: 'browser process', ms: 500 }],
    ]);
    const after = new Map([
      [1, { kind: 'renderer', ms: 350 }],
      [2, { kind: 'renderer', ms: 60 }],
      [3, { kind: 'browser process', ms: 530 }],
      [4, { kind: 'gpu-process', ms: 15 }],
    ]);
    const used = cpuBetween(before, after, (pid, kind) => (pid === 1 ? 'joining page' : kind));
    expect(Object.fromEntries(used)).toEqual({
      'joining page': 250,
      renderer: 20,
      'browser process': 30,
      'gpu-process': 15,
    });
    // This machine's processes: this one is none of them, whatever else runs.
    expect(readProcessCpu().has(process.pid)).toBe(false);
  });
});
