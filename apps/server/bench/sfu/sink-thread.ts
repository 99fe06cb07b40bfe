import dgram from 'node:dgram';
import { parentPort, workerData } from 'node:worker_threads';
import { SequenceTracker } from '../lib/stats.js';
import { FIELDS, type SinkReply, type SinkRequest } from './sinks.js';

/**
 * Receives what the SFU's consumers send, on a thread of its own: counts packets and
 * sequence gaps per SSRC into shared memory the main thread reads directly, so a
 * flood of datagrams cannot delay a reading.
 */
const {
  sockets: count,
  receiveBuffer,
  counters,
} = workerData as {
  sockets: number;
  receiveBuffer: number;
  counters: SharedArrayBuffer;
};
const shared = new Float64Array(counters);
const trackers = new Map<number, { label: number; seq: SequenceTracker }>();
const sockets: dgram.Socket[] = [];

const reply = (message: SinkReply): void => parentPort?.postMessage(message);

function onPacket(msg: Buffer): void {
  const type = msg[1] ?? 0;
  if (type >= 192 && type <= 223) return; // RTCP
  const tracker = trackers.get(msg.readUInt32BE(8));
  if (!tracker) return;
  const { seq, label } = tracker;
  const expected = seq.expected;
  seq.add(msg.readUInt16BE(2));
  const at = label * FIELDS;
  shared[at] = shared[at]! + 1;
  shared[at + 1] = shared[at + 1]! + (seq.expected - expected);
  if (seq.received === 1) shared[at + 3] = shared[at + 3]! - 1;
}

async function open(): Promise<void> {
  for (let i = 0; i < count; i++) {
    const socket = dgram.createSocket({ type: 'udp4', recvBufferSize: receiveBuffer });
    socket.on('message', onPacket);
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    sockets.push(socket);
  }
  reply({ type: 'ready', ports: sockets.map((s) => s.address().port) });
}

parentPort?.on('message', (request: SinkRequest) => {
  switch (request.type) {
    case 'track':
      for (const [ssrc, label] of request.ssrcs) {
        trackers.set(ssrc, { label, seq: new SequenceTracker() });
        shared[label * FIELDS + 2] = shared[label * FIELDS + 2]! + 1;
        shared[label * FIELDS + 3] = shared[label * FIELDS + 3]! + 1;
      }
      reply({ type: 'ack', id: request.id });
      break;
    case 'untrack':
      for (const ssrc of request.ssrcs) trackers.delete(ssrc);
      reply({ type: 'ack', id: request.id });
      break;
    case 'close':
      for (const socket of sockets) socket.close();
      parentPort?.close();
      break;
  }
});

void open();
