import { describe, expect, it } from 'vitest';
import { join, nextEvent, opusParameters, usePools } from './helpers.js';

const pools = usePools();

describe('worker death', () => {
  it('closes the rooms of a killed worker, reports them, and replaces the worker', async () => {
    const pool = await pools.open({ numWorkers: 2 });
    const [victim, survivor] = pool.workers().map((w) => w.pid) as [number, number];
    const doomed = await pool.createRoom('doomed-1'); // worker 0
    const spared = await pool.createRoom('spared'); // worker 1
    const doomed2 = await pool.createRoom('doomed-2'); // worker 0 again (tie: older worker)
    const { peer, send } = await join(doomed, 'alice');
    await peer.produce({
      transportId: send.id,
      kind: 'audio',
      source: 'mic',
      rtpParameters: opusParameters(),
    });
    const bob = await join(doomed, 'bob');
    await bob.peer.consume(peer.producers()[0]!.producerId);
    const perObject: string[] = [];
    peer.on('producerClosed', () => perObject.push('producerClosed'));
    bob.peer.on('consumerClosed', () => perObject.push('consumerClosed'));
    const reasons: string[] = [];
    doomed.on('close', ({ reason }) => reasons.push(reason));
    doomed2.on('close', ({ reason }) => reasons.push(reason));
    let peerClosed = 0;
    peer.on('close', () => peerClosed++);

    const died = nextEvent(pool, 'workerDied');
    process.kill(victim, 'SIGKILL');
    const event = await died;

    expect(event.pid).toBe(victim);
    expect(event.error).toBeInstanceOf(Error);
    expect(event.roomIds.sort()).toEqual(['doomed-1', 'doomed-2']);
    expect(reasons).toEqual(['workerDied', 'workerDied']);
    expect(peerClosed).toBe(1);
    // The room going down is one event, not one per producer and consumer.
    expect(perObject).toEqual([]);
    expect(pool.getRoom('doomed-1')).toBeUndefined();
    expect(pool.getRoom('spared')).toBe(spared);
    expect(spared.closed).toBe(false);

    // A replacement starts; new rooms (even with a lost room's id) work.
    await expect.poll(() => pool.workers().length, { timeout: 5000 }).toBe(2);
    const pids = pool.workers().map((w) => w.pid);
    expect(pids).toContain(survivor);
    expect(pids).not.toContain(victim);
    const reborn = await pool.createRoom('doomed-1');
    const again = await join(reborn, 'alice');
    expect(again.send.id).toBeTruthy();
  });

  it('recovers when the only worker dies', async () => {
    const pool = await pools.open({ numWorkers: 1 });
    const pid = pool.workers()[0]!.pid;
    const room = await pool.createRoom('s');
    const closed = nextEvent(room, 'close');
    const died = nextEvent(pool, 'workerDied');
    process.kill(pid, 'SIGKILL');
    expect((await died).roomIds).toEqual(['s']);
    expect(await closed).toEqual({ reason: 'workerDied' });
    // createRoom waits for the replacement rather than failing.
    const next = await pool.createRoom('t');
    expect(next.closed).toBe(false);
    expect(pool.workers()).toHaveLength(1);
    expect(pool.workers()[0]!.pid).not.toBe(pid);
  });
});
