import type { Duplex } from 'node:stream';
import type { HavenServer, HavenSocket } from '../signaling/types.js';

type EngineServer = HavenServer['engine'];
type EngineSocket = HavenSocket['conn'];

/**
 * The TCP socket under an engine.io connection on the websocket transport. `ws` keeps it
 * as `_socket`, its one stable (if unadvertised) field; any other transport has none.
 */
function tcpOf(socket: EngineSocket): Duplex | undefined {
  if (socket.transport.name !== 'websocket') return undefined;
  const ws = (socket.transport as unknown as { socket?: { _socket?: unknown } }).socket;
  const tcp = ws?._socket;
  return tcp && typeof (tcp as Duplex).cork === 'function' ? (tcp as Duplex) : undefined;
}

/**
 * One write per client per event-loop turn instead of one per message. The first time
 * engine.io flushes messages to a websocket in a turn, its TCP socket is corked; once
 * the turn's I/O callbacks have run, every corked socket is uncorked and what was queued
 * leaves in one writev. A busy room sends each member many small updates per turn, and
 * the system call per message was the largest cost of signaling. Order is unchanged:
 * the bytes are only held back, never reordered, and never past the end of the turn.
 */
export function coalesceWrites(engine: EngineServer): void {
  const corked = new Set<Duplex>();
  const uncorkAll = (): void => {
    for (const tcp of corked) tcp.uncork();
    corked.clear();
  };
  engine.on('flush', (socket: EngineSocket) => {
    const tcp = tcpOf(socket);
    if (!tcp || tcp.destroyed || corked.has(tcp)) return;
    if (corked.size === 0) setImmediate(uncorkAll);
    tcp.cork();
    corked.add(tcp);
  });
}
