/**
 * A share of the join storm's patients (bench/suites/join-storm.ts), in a process of its
 * own: each process has its own event loop and its own libwebrtc signalling thread, as
 * separate patients' browsers would, instead of fifty clients queueing on one of each.
 * Protocol over IPC: the child says `ready` once WebRTC is loaded and started; `go`
 * starts its joins (each after its delay); it answers `done` with the timings; `close`
 * ends its calls. It also ends if the bench that started it goes away.
 */
import wrtc from '@roamhq/wrtc';
import { joiner, probedHandler, type Timing } from './lib/storm-client.js';
import { sleep } from './lib/machine.js';
import { installWebRtcGlobals } from './lib/wrtc-client.js';

export interface StormJoin {
  token: string;
  room: string;
  delayMs: number;
}
/**
 * Who asks libwebrtc for its RTP capabilities (a peer connection and an offer per
 * direction): each patient as it joins, or this process once for all its patients.
 */
export type Probe = 'each' | 'process';
export type ToStormChild =
  { kind: 'go'; url: string; joins: StormJoin[]; probe: Probe } | { kind: 'close' };
export type FromStormChild =
  | { kind: 'ready' }
  | { kind: 'done'; timings: Timing[]; failures: string[]; consumeAcks: number[] };

const send = (message: FromStormChild) => process.send?.(message);
const cleanup: (() => void)[] = [];

installWebRtcGlobals();
process.on('disconnect', () => process.exit(0));
process.on('message', (message: ToStormChild) => {
  if (message.kind === 'close') {
    for (const fn of cleanup.reverse()) {
      try {
        fn();
      } catch {
        // already closed
      }
    }
    process.exit(0);
  }
  const consumeAcks: number[] = [];
  const shared = message.probe === 'process' ? probedHandler() : undefined;
  void Promise.allSettled(
    message.joins.map(async ({ token, room, delayMs }) => {
      await sleep(delayMs);
      return joiner(message.url, token, room, consumeAcks, cleanup, shared);
    }),
  ).then((settled) =>
    send({
      kind: 'done',
      timings: settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])),
      failures: settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : [])),
      consumeAcks,
    }),
  );
});
// libwebrtc starts its threads and devices with the first peer connection: done here,
// as a browser has its WebRTC stack up before a page joins, not during the storm.
await warmUp();
send({ kind: 'ready' });

async function warmUp(): Promise<void> {
  const pc = new wrtc.RTCPeerConnection();
  pc.addTransceiver('audio', { direction: 'recvonly' });
  pc.addTransceiver('video', { direction: 'recvonly' });
  await pc.setLocalDescription(await pc.createOffer());
  pc.close();
}
