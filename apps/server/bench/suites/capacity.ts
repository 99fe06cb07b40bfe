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
import { fmt, pct } from '../lib/stats.js';
import { havenFlavor } from '../sfu/flavors.js';
import { ramp, type Ramp } from '../sfu/ramp.js';
import { Sinks } from '../sfu/sinks.js';
import { rtpPacket } from '../lib/rtp.js';

const FULL: Policy = { spatialLayer: undefined, audio: 'all' };
const MAX_LOSS = 0.01;

/**
 * The harness's own ceiling: a sender on the main thread pushing RTP-sized datagrams as
 * fast as it can to the same sink thread the SFU benchmarks use, no SFU between.
 */
export async function udpFloor(seconds: number): Promise<{ pps: number; loss: number }> {
  const sinks = await Sinks.create();
  try {
    const ssrc = 0x1234;
    await sinks.track([[ssrc, 0]]);
    // The forwarded mix of a group: about a quarter audio (~100 bytes), the rest video (~1,000).
    const audio = Buffer.alloc(80);
    const video = Buffer.alloc(950);
    const { default: dgram } = await import('node:dgram');
    const socket = dgram.createSocket({ type: 'udp4', sendBufferSize: 4 << 20 });
    // Connected, like the generator's sockets: no address lookup per datagram.
    await new Promise<void>((resolve) => socket.connect(sinks.port(0), '127.0.0.1', resolve));
    let seq = 0;
    let sent = 0;
    const end = Date.now() + seconds * 1000;
    await new Promise<void>((resolve) => {
      const burst = (): void => {
        for (let i = 0; i < 64; i++) {
          const packet = rtpPacket(
            { payloadType: 100, sequenceNumber: seq++, timestamp: seq, ssrc },
            seq % 4 === 0 ? audio : video,
          );
          socket.send(packet);
          sent++;
        }
        if (Date.now() < end) setImmediate(burst);
        else resolve();
      };
      burst();
    });
    await sleep(300);
    socket.close();
    const counts = sinks.snapshot().labels.get(0);
    const received = counts?.received ?? 0;
    return { pps: received / seconds, loss: sent > 0 ? 1 - received / sent : 0 };
  } finally {
    await sinks.close();
  }
}

/** Rooms of a shape to start the ramp with: about 15,000 forwarded packets per second. */
const startRooms = (shape: RoomShape): number =>
  Math.max(1, Math.round(15_000 / roomPacketRates(shape, FULL).out));

/**
 * 2. Capacity. Haven's pool with its production default (one worker per core) takes
 * rooms of each shape until a window loses more than 1 % of the forwarded packets.
 */
export const capacity: Bench = async () => {
  const seconds = QUICK ? 1 : 2;
  const floor = await udpFloor(QUICK ? 1 : 2);
  const workers = os.availableParallelism();
  const rows: Row[] = [];
  const details: string[] = [
    `UDP floor (node dgram, connected socket on the main thread -> sink thread, 80/950-byte datagrams): ${fmt(floor.pps)} pkt/s received (${pct(floor.loss)} of those sent did not arrive).`,
    '',
    `Haven WorkerPool with ${workers} workers; each level adds rooms, settles, and measures ${seconds} s. A level holds if it loses at most ${pct(MAX_LOSS)} and forwards at least 90 % of its rooms' model packet rate (below that, the harness did not offer the load: a full machine slows the generator before anything is lost).`,
    '',
    '| Shape | Rooms held | Consumers | Forwarded pkt/s | vs floor | Loss | Busiest worker | Harness CPU | Stopped by | Worker-bound estimate |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  rows.push({ metric: 'UDP floor (node dgram, loopback)', value: `${fmt(floor.pps)} pkt/s` });
  const ramps: [RoomShape, Ramp][] = [];
  for (const shape of [ONE_TO_ONE, GROUP_OF_8, PRESENTING_TO_12]) {
    const result = await ramp(await havenFlavor(workers), FULL, shape, {
      start: startRooms(shape),
      growth: 1.5,
      maxLevels: QUICK ? 2 : 8,
      maxRooms: shape.participants > 2 ? 200 : 800,
      seconds,
      maxLoss: MAX_LOSS,
      budgetMs: QUICK ? 15_000 : 40_000,
    });
    ramps.push([shape, result]);
  }
  for (const [shape, r] of ramps) {
    const best = r.best;
    const pps = best ? best.window.forwarded / best.window.seconds : 0;
    // What the workers alone could carry: all cores at the measured CPU per packet.
    const micros = best ? (best.window.workerCpuMs * 1000) / best.window.forwarded : Number.NaN;
    const estimate = Math.floor((workers * 1e6) / micros / roomPacketRates(shape, FULL).out);
    rows.push(
      goalRow(
        `${shape.name}: forwarded at <= 1 % loss vs UDP floor`,
        pps / floor.pps,
        `${fmt(pps)} pkt/s = ${fmt(pps / floor.pps)}x floor`,
        {
          op: '>=',
          limit: 0.6,
          text: '>= 0.6x floor',
        },
      ),
    );
    rows.push({
      metric: `${shape.name}: rooms one machine holds`,
      value: `${r.capacity} rooms, ${best?.consumers ?? 0} consumers`,
    });
    details.push(
      `| ${shape.name} | ${r.capacity} | ${best?.consumers ?? 0} | ${fmt(pps)} | ${fmt(pps / floor.pps)}x | ${best ? pct(best.window.loss) : 'n/a'} | ${best ? pct(best.window.busiestWorker) : 'n/a'} | ${best ? fmt(best.window.harnessCores) : 'n/a'} cores | ${r.limitedBy} | ${Number.isFinite(estimate) ? estimate : 'n/a'} rooms |`,
    );
  }
  details.push('', 'Levels:', '');
  for (const [shape, r] of ramps) {
    details.push(
      `- ${shape.name}: ` +
        r.levels
          .map(
            (l) =>
              `${l.rooms} rooms -> ${fmt(l.window.forwarded / l.window.seconds)} pkt/s, loss ${pct(l.window.loss)}, busiest worker ${pct(l.window.busiestWorker)}, harness ${fmt(l.window.harnessCores)} cores, drops sink/SFU ${l.window.sinkDrops}/${l.window.sfuDrops}`,
          )
          .join('; '),
    );
  }
  details.push(
    '',
    'The worker-bound estimate divides all cores by the measured worker CPU per forwarded packet: the rooms the SFU could carry if the generator and sinks ran elsewhere.',
  );
  return { id: 'capacity', title: '2. Capacity', rows, details };
};
