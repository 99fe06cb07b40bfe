import os from 'node:os';
import {
  GROUP_OF_8,
  ONE_TO_ONE,
  PRESENTING_TO_12,
  roomPacketRates,
  type Policy,
  type RoomShape,
} from '../lib/media-model.js';
import { QUICK, sleep } from '../lib/machine.js';
import { goalRow, type Bench, type Row } from '../lib/result.js';
import { fmt, pct, quantile } from '../lib/stats.js';
import { bareFlavor, havenFlavor } from '../sfu/flavors.js';
import { Testbed, type Window } from '../sfu/testbed.js';

/** Every microphone speaking, every consumer at the top layer: the heaviest steady state. */
const FULL: Policy = { spatialLayer: undefined, audio: 'all' };
/** Rooms per shape: enough packets to measure (about 7,000-10,000 forwarded per second), far from saturation. */
const SHAPES: [RoomShape, number][] = [
  [ONE_TO_ONE, 40],
  [GROUP_OF_8, 1],
  [PRESENTING_TO_12, 4],
];

interface Totals {
  cpuMs: number;
  forwarded: number;
  expected: number;
  windows: number;
}

const add = (t: Totals, w: Window): Totals => ({
  cpuMs: t.cpuMs + w.workerCpuMs,
  forwarded: t.forwarded + w.forwarded,
  expected: t.expected + w.delivery.expected,
  windows: t.windows + 1,
});
const empty = (): Totals => ({ cpuMs: 0, forwarded: 0, expected: 0, windows: 0 });
const microsPerPacket = (t: Totals): number => (t.cpuMs * 1000) / t.forwarded;
const loss = (t: Totals): number => (t.expected > 0 ? 1 - t.forwarded / t.expected : 0);

/**
 * 1. Forwarding cost. The same rooms on Haven's WorkerPool and on bare mediasoup, one
 * worker each, both built before measuring; traffic then alternates between them window
 * by window so that other load on the machine falls on both alike.
 */
export const forwarding: Bench = async () => {
  const rounds = QUICK ? 1 : 8;
  const seconds = QUICK ? 1 : 1.5;
  const rows: Row[] = [];
  const details: string[] = [
    `Each shape on one worker per flavor, both built before measuring; then a warm-up round (not counted, so that no counted window follows the set-up directly) and ${rounds} rounds of one ${seconds} s window per flavor, in ABBA order, traffic flowing only to the flavor being measured. The figure is the median of the per-round ratios. ` +
      'Every microphone speaks (no DTX) and every consumer receives the top layer. Worker CPU is ' +
      '`worker.getResourceUsage()` (ru_utime + ru_stime) over the windows, divided by the packets ' +
      'the sinks received from consumers.',
    '',
    '| Shape | Rooms | Consumers | Forwarded pkt/s | Haven µs/pkt | Bare µs/pkt | Haven / bare | Loss (Haven, bare) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const [shape, rooms] of SHAPES) {
    const haven = await Testbed.create(await havenFlavor(1), FULL);
    const bare = await Testbed.create(await bareFlavor(1), FULL);
    try {
      await haven.addRooms(shape, rooms);
      await bare.addRooms(shape, rooms);
      await Promise.all([haven.settle(4000), bare.settle(4000)]);
      let h = empty();
      let b = empty();
      const ratios: number[] = [];
      for (let round = -1; round < rounds; round++) {
        // ABBA order: each flavor goes first as often as second. Round -1 is the warm-up.
        const order = round % 2 === 0 ? ([haven, bare] as const) : ([bare, haven] as const);
        const perPacket = new Map<Testbed, number>();
        for (const bed of order) {
          (bed === haven ? bare : haven).pause();
          bed.resume();
          await sleep(700);
          const w = await bed.measure(seconds);
          if (round < 0) continue;
          perPacket.set(bed, (w.workerCpuMs * 1000) / w.forwarded);
          if (bed === haven) h = add(h, w);
          else b = add(b, w);
        }
        if (round >= 0) ratios.push(perPacket.get(haven)! / perPacket.get(bare)!);
      }
      // Adjacent windows cancel slow changes in the machine's other load: the median of
      // the per-round ratios is the figure; the pooled ratio is shown beside it.
      const ratio = quantile(ratios, 0.5);
      const pooled = microsPerPacket(h) / microsPerPacket(b);
      rows.push(
        goalRow(
          `${shape.name}: Haven / bare worker CPU per packet`,
          ratio,
          `${fmt(ratio)}x (${fmt(microsPerPacket(h))} vs ${fmt(microsPerPacket(b))} µs per packet)`,
          {
            op: '<=',
            limit: 1.05,
            text: '<= 1.05x',
          },
        ),
      );
      const rate = h.forwarded / (h.windows * seconds);
      details.push(
        `| ${shape.name} | ${rooms} | ${haven.consumers} | ${fmt(rate)} (model ${fmt(rooms * roomPacketRates(shape, FULL).out)}) | ${fmt(microsPerPacket(h))} | ${fmt(microsPerPacket(b))} | ${fmt(ratio)}x (pooled ${fmt(pooled)}x; rounds ${ratios.map((r) => fmt(r)).join(', ')}) | ${pct(loss(h))}, ${pct(loss(b))} |`,
      );
    } finally {
      await haven.close();
      await bare.close();
    }
  }
  details.push('', `Machine: ${os.availableParallelism()} cores.`);
  return { id: 'forwarding', title: '1. Forwarding cost', rows, details };
};
