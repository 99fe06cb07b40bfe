import dgram from 'node:dgram';
import { parentPort, workerData } from 'node:worker_threads';
import { SequenceTracker } from '../lib/stats.js';
import type { SinkReply, SinkRequest } from './sinks.js';

/**
 * Receives what the SFU's consumers send, on a thread of its own: counts packets and
 * sequence gaps per SSRC, nothing else, so it keeps up with the worker.
 */
const { sockets: count, receiveBuffer } = workerData as { sockets: number; receiveBuffer: number };
const trackers = new Map<number, { label: number; seq: SequenceTracker }>();
const sockets: dgram.Socket[] = [];
let rtcp = 0;
let unknown = 0;

const reply = (message: SinkReply): void => parentPort?.postMessage(message);

async function open(): Promise<void> {
  for (let i = 0; i < count; i++) {
    const socket = dgram.createSocket({ type: 'udp4', recvBufferSize: receiveBuffer });
    socket.on('message', (msg: Buffer) => {
      const type = msg[1] ?? 0;
      if (type >= 192 && type <= 223) {
        rtcp++;
        return;
      }
      const tracker = trackers.get(msg.readUInt32BE(8));
      if (tracker) tracker.seq.add(msg.readUInt16BE(2));
      else unknown++;
    });
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
      }
      reply({ type: 'ack', id: request.id });
      break;
    case 'untrack':
      for (const ssrc of request.ssrcs) trackers.delete(ssrc);
      reply({ type: 'ack', id: request.id });
      break;
    case 'snapshot': {
      const labels: Record<
        number,
        { received: number; expected: number; streams: number; silent: number }
      > = {};
      for (const { label, seq } of trackers.values()) {
        const entry = (labels[label] ??= { received: 0, expected: 0, streams: 0, silent: 0 });
        entry.received += seq.received;
        entry.expected += seq.expected;
        entry.streams++;
        if (seq.received === 0) entry.silent++;
      }
      reply({ type: 'snapshot', id: request.id, labels, rtcp, unknown });
      break;
    }
    case 'close':
      for (const socket of sockets) socket.close();
      parentPort?.close();
      break;
  }
});

void open();
