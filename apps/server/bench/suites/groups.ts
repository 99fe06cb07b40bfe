import os from 'node:os';
import { IOP_GROUP, roomPacketRates, type Policy } from '../lib/media-model.js';
import { QUICK } from '../lib/machine.js';
import { goalRow, type Bench } from '../lib/result.js';
import { fmt, pct } from '../lib/stats.js';
import { havenFlavor } from '../sfu/flavors.js';
import { ramp } from '../sfu/ramp.js';

/**
 * The grid tile of an 11-person call on a laptop: the session column is at most 72rem
 * (1152 px) wide, with 0.75rem gaps and columns of at least 260 px (styles.css): four
 * columns of 279 CSS px. layerForWidth (features/session/layers.ts) picks layer 0 up to
 * 360 device px and layer 1 up to 720: layer 0 at a pixel ratio of 1, layer 1 at 2
 * (HiDPI laptops; phones show two columns of ~180 px at ratio 3, also layer 1).
 */
const TILE_CSS_PX = 279;
const layerFor = (devicePx: number): number => (devicePx <= 360 ? 0 : devicePx <= 720 ? 1 : 2);
/** The conservative case: every screen HiDPI. */
const HAVEN_LAYER = layerFor(TILE_CSS_PX * 2);

const DEFAULTS: Policy = { spatialLayer: undefined, audio: 'all' };
const HAVEN: Policy = { spatialLayer: HAVEN_LAYER, audio: 'one-speaker', trimUpstream: true };

/**
 * 8. Groups per machine: IOP groups (ten patients and a clinician, all cameras on, grid
 * view, one speaker at a time) under mediasoup's defaults and under what Haven's
 * client asks for.
 */
export const groups: Bench = async () => {
  const seconds = QUICK ? 1 : 2;
  const workers = os.availableParallelism();
  const options = (start: number) => ({
    start,
    growth: 1.6,
    maxLevels: QUICK ? 2 : 5,
    maxRooms: 150,
    seconds,
    maxLoss: 0.01,
    budgetMs: QUICK ? 15_000 : 60_000,
  });
  const defaultsRate = roomPacketRates(IOP_GROUP, DEFAULTS);
  const havenRate = roomPacketRates(IOP_GROUP, HAVEN);
  const defaults = await ramp(
    await havenFlavor(workers),
    DEFAULTS,
    IOP_GROUP,
    options(QUICK ? 1 : 3),
  );
  // Haven starts somewhat below where the packet rates say it should land.
  const expected = (defaults.capacity * defaultsRate.out) / havenRate.out;
  const haven = await ramp(
    await havenFlavor(workers),
    HAVEN,
    IOP_GROUP,
    options(Math.max(1, Math.round(expected * 0.6))),
  );
  const ratio = defaults.capacity > 0 ? haven.capacity / defaults.capacity : Number.NaN;
  // What one group costs the workers, whatever stopped the ramp: the SFU's side alone.
  const workerCoresPerGroup = (r: typeof haven): number => {
    const w = r.best?.window;
    return w && r.capacity > 0 ? w.workerCpuMs / (w.seconds * 1000) / r.capacity : Number.NaN;
  };
  const costRatio = workerCoresPerGroup(defaults) / workerCoresPerGroup(haven);
  const line = (name: string, r: typeof haven, rate: { in: number; out: number }): string => {
    const w = r.best?.window;
    return `| ${name} | ${r.capacity} | ${fmt(rate.in)} / ${fmt(rate.out)} | ${w ? fmt(w.forwarded / w.seconds) : 'n/a'} | ${w ? pct(w.loss) : 'n/a'} | ${w ? pct(w.busiestWorker) : 'n/a'} | ${w ? fmt(w.harnessCores) : 'n/a'} cores | ${r.limitedBy} | ${r.levels.map((l) => `${l.rooms}:${pct(l.window.loss)}`).join(', ')} |`;
  };
  return {
    id: 'groups',
    title: '8. Groups per machine',
    rows: [
      { metric: 'IOP groups held, mediasoup defaults', value: `${defaults.capacity}` },
      { metric: 'IOP groups held, Haven', value: `${haven.capacity}` },
      goalRow('Haven / defaults, groups held', ratio, `${fmt(ratio)}x`, {
        op: '>=',
        limit: 2,
        text: '>= 2x',
      }),
      {
        metric: 'worker CPU per group, defaults / Haven',
        value: `${fmt(costRatio)}x (${pct(workerCoresPerGroup(defaults))} vs ${pct(workerCoresPerGroup(haven))} of a core)`,
      },
    ],
    details: [
      `${workers} workers (Haven's pool). A group: 11 people, each sending Opus and a 3-layer VP8 simulcast camera, each receiving the other 10.`,
      '',
      `- Defaults: every microphone sends speech at 50 pkt/s (no DTX), every consumer forwards the top layer (r2, 900 kbps).`,
      `- Haven: one speaker at a time (turns of 3 s), the other microphones in DTX (one 1-byte packet per 400 ms, as the client asks Opus for DTX); every video consumer set to layer ${HAVEN_LAYER} with setPreferredLayers, as the web client's tile observer asks for a ${TILE_CSS_PX} px tile on a HiDPI screen (at a pixel ratio of 1 it would ask for layer 0, lighter still).`,
      `- Haven also: the cameras encode only layers 0 to ${HAVEN_LAYER}, since no viewer receives more (the server tells each sender the highest layer its viewers want: media:layersWanted).`,
      "- Haven does, but this shape does not exercise: pausing the consumers of tiles that are off screen or of hidden pages (all 11 tiles are on screen in this grid), and serving the active speaker's audio first (consumer priorities only matter under a bandwidth estimate, which these plain transports do not run).",
      '',
      '| Policy | Groups held | Model pkt/s in / out per group | Forwarded pkt/s | Loss | Busiest worker | Harness CPU | Stopped by | Levels (groups:loss) |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      line('mediasoup defaults', defaults, defaultsRate),
      line('Haven', haven, havenRate),
      '',
      "Worker CPU per group is the workers' CPU in the best window divided by the groups in it: what a group costs the SFU whatever stopped the ramp (on a small machine the generator and sinks share the cores and often stop it first).",
    ],
  };
};
