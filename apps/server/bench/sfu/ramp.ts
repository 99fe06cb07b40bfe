import { roomPacketRates, type Policy, type RoomShape } from '../lib/media-model.js';
import { sleep } from '../lib/machine.js';
import type { Flavor } from './flavors.js';
import { Testbed, type Window } from './testbed.js';

export interface Level {
  rooms: number;
  consumers: number;
  window: Window;
}

export interface Ramp {
  levels: Level[];
  /** Most rooms that passed (loss <= maxLoss), 0 if none did. */
  capacity: number;
  /** The passing level with the most rooms. */
  best: Level | undefined;
  /** What stopped the ramp. */
  limitedBy: string;
}

export interface RampOptions {
  start: number;
  /** Each level multiplies the room count by this much (at least +1 room). */
  growth: number;
  maxLevels: number;
  maxRooms: number;
  seconds: number;
  maxLoss: number;
  /** Stops adding levels after this long. */
  budgetMs: number;
}

/**
 * Adds rooms level by level until a window loses more than `maxLoss` of its packets or
 * forwards less than 90 % of what its rooms should (the load was not all offered), then
 * steps back once halfway to the last good level. Says what limited it: loss where
 * the kernel dropped at the SFU's sockets or with a worker's core saturated (the SFU),
 * at the sinks (the harness), or a generator that fell behind (the harness).
 */
export async function ramp(
  flavor: Flavor,
  policy: Policy,
  shape: RoomShape,
  opts: RampOptions,
): Promise<Ramp> {
  // Levels past saturation leave workers too busy to answer requests promptly: read /proc.
  const bed = await Testbed.create(flavor, policy, 'proc');
  // What the rooms of a level should forward: a level holds only if it was all offered.
  const perRoom = roomPacketRates(shape, policy).out;
  const held = (w: Window, rooms: number): boolean =>
    passes(w, opts.maxLoss) && w.forwarded / w.seconds >= OFFERED * perRoom * rooms;
  const levels: Level[] = [];
  const started = Date.now();
  let limitedBy = 'level limit';
  try {
    const levelMs: number[] = [];
    let target = opts.start;
    let good = 0;
    let bad = Number.POSITIVE_INFINITY;
    for (let i = 0; i < opts.maxLevels && target > good && target < bad; i++) {
      const last = levelMs.at(-1) ?? 0;
      if (Date.now() - started + 1.5 * last > opts.budgetMs) {
        limitedBy = 'time budget';
        break;
      }
      const levelStarted = Date.now();
      // Media stops while rooms are built: an SFU saturated by the last level would
      // otherwise take minutes to answer the thousands of requests of the next.
      bed.pause();
      // After a failed level, rooms created while the SFU was overloaded are dropped
      // (some of their consumers may never have got a key frame) and built afresh.
      if (bed.rooms.length > good && bad !== Number.POSITIVE_INFINITY) {
        await bed.removeRooms(bed.rooms.length - good);
      }
      await bed.addRooms(shape, target - bed.rooms.length);
      bed.resume();
      await bed.settle(2500);
      await sleep(500);
      const window = await bed.measure(opts.seconds);
      levels.push({ rooms: bed.rooms.length, consumers: bed.consumers, window });
      levelMs.push(Date.now() - levelStarted);
      console.log(
        `  ${shape.name}: ${bed.rooms.length} rooms, ${bed.consumers} consumers -> ` +
          `${Math.round(window.forwarded / window.seconds)} pkt/s, loss ${(window.loss * 100).toFixed(2)} % ` +
          `(${Math.round((Date.now() - started) / 1000)} s)`,
      );
      if (held(window, bed.rooms.length)) {
        good = target;
        if (good >= opts.maxRooms) {
          limitedBy = 'room limit of the run';
          break;
        }
        target =
          bad === Number.POSITIVE_INFINITY
            ? Math.min(opts.maxRooms, Math.max(good + 1, Math.round(good * opts.growth)))
            : Math.floor((good + bad) / 2);
      } else {
        bad = target;
        limitedBy = passes(window, opts.maxLoss)
          ? 'the generator fell behind (harness CPU)'
          : cause(window);
        // Halfway back, once; rooms are whole, so stop when no room count lies between.
        target = Math.floor((good + bad) / 2);
      }
    }
    const best = levels
      .filter((l) => held(l.window, l.rooms))
      .reduce<Level | undefined>((a, l) => (!a || l.rooms > a.rooms ? l : a), undefined);
    return { levels, capacity: best?.rooms ?? 0, best, limitedBy };
  } finally {
    await bed.close();
  }
}

/** Share of a level's model packet rate that must reach the sinks for the level to count. */
const OFFERED = 0.9;

const passes = (w: Window, maxLoss: number): boolean =>
  w.loss <= maxLoss && w.generatorSkippedMs === 0 && w.silentConsumers === 0;

export function cause(w: Window): string {
  if (w.silentConsumers > 0) return 'consumers that never received (setup too slow)';
  if (w.generatorSkippedMs > 0) return 'the generator fell behind (harness CPU)';
  if (w.sinkDrops > 0 && w.sfuDrops === 0) return 'the sinks dropped packets (harness CPU)';
  if (w.sfuDrops > 0) return 'the SFU sockets dropped packets';
  if (w.busiestWorker >= 0.9) return 'a worker core saturated';
  return 'loss above the limit';
}
