import { randomUUID } from 'node:crypto';
import type { AttendanceEvent, Database } from '@haven/db';
import { closesStay } from './derive.js';
import type { Logger } from 'pino';

/** A node that has not beaten for four intervals (at least a minute) is taken for gone. */
const silentAfter = (intervalMs: number): number => Math.max(4 * intervalMs, 60_000);

/**
 * The node writes a heartbeat at a fixed interval. A stay whose end was never recorded
 * (the process crashed, or stopped and never came back) is closed at its node's last
 * heartbeat with the reason "server restart": the ledger then never claims minutes
 * nobody can vouch for. At start-up a node closes its own previous process's stays;
 * while it runs, it closes those of any node silent for longer than `staleMs` (gone for
 * good, or back under another name). Several nodes may sweep at once: each stay is
 * closed by one of them only.
 *
 * Silence is observed, never computed from another node's clock: a node is silent once
 * the heartbeat this node reads for it has not moved for `staleMs` of this node's own
 * monotonic time (see `silent`). A node whose clock runs minutes behind the others is then not
 * taken for gone, and observations start over whenever this node cannot reach the
 * database, so an outage that stopped every node's heartbeat is not taken for their
 * silence once the database is back.
 */
export class Heartbeat {
  private timer: NodeJS.Timeout | null = null;
  private readonly staleMs: number;
  /** Silent nodes already swept, at the heartbeat they fell silent after. */
  private readonly swept = new Map<string, number>();
  /** Each node's heartbeat as last read, and since when (`elapsed`) this node has read so. */
  private readonly seen = new Map<string, { beat: number | null; since: number }>();
  /** This process, as its heartbeats name it. */
  private readonly instance = randomUUID();
  private beaten = false;
  #sharedNodeId = false;

  constructor(
    private readonly db: Database,
    private readonly nodeId: string,
    private readonly intervalMs: number,
    private readonly clock: () => number,
    private readonly log: Logger,
    /**
     * Time that only moves forward, for how long a heartbeat has stood still: a wall
     * clock set forward by a minute would otherwise make a live node look silent.
     */
    private readonly elapsed: () => number = () => performance.now(),
  ) {
    this.staleMs = silentAfter(intervalMs);
  }

  /** At start-up: this node's previous process's stays, and any silent node's. */
  async recover(): Promise<number> {
    const closed = await this.sweep(true);
    await this.beat();
    return closed;
  }

  /**
   * Whether `nodeId`, whose heartbeat now reads `beat` (null: it has none), is taken for
   * gone: this node has read that same heartbeat for `staleMs` or longer. A heartbeat read
   * for the first time, or changed since the last read, starts the count again.
   */
  silent(nodeId: string, beat: number | null): boolean {
    const now = this.elapsed();
    const seen = this.seen.get(nodeId);
    if (!seen || seen.beat !== beat) {
      this.seen.set(nodeId, { beat, since: now });
      return false;
    }
    return now - seen.since >= this.staleMs;
  }

  /** Closes the stays left open by `ownPrevious` (this node's last process) or silent nodes. */
  async sweep(ownPrevious = false): Promise<number> {
    const now = this.clock();
    const beats = new Map((await this.db.attendance.heartbeats()).map((h) => [h.nodeId, h.at]));
    const silent = (nodeId: string) => this.silent(nodeId, beats.get(nodeId) ?? null);
    // Nothing to look at while every other node beats, or a silent one was swept already
    // (it cannot have written since: a node that writes also beats).
    const newlySilent = [...beats]
      .filter(([n, at]) => n !== this.nodeId && silent(n) && this.swept.get(n) !== at)
      .map(([n, at]) => [n, at] as const);
    if (!ownPrevious && newlySilent.length === 0) return 0;
    const closed = await this.closeLeftOpen(ownPrevious, beats, silent, now);
    for (const [n, at] of newlySilent) this.swept.set(n, at);
    if (closed > 0)
      this.log.warn({ closed }, 'closed stays whose server stopped without recording their end');
    return closed;
  }

  /**
   * This node has just taken `sessionId` over. Whatever another node left open in it (it
   * crashed, or stopped and let the session go) is closed at that node's last heartbeat
   * before anyone arrives here: the new room starts everyone in its waiting room, and a
   * stay left open would count that wait, and the outage before it, as presence. Sweeps
   * miss these stays once this node has written to them.
   */
  async adopt(sessionId: string): Promise<number> {
    const beats = new Map((await this.db.attendance.heartbeats()).map((h) => [h.nodeId, h.at]));
    return this.closeLeftOpen(false, beats, () => true, this.clock(), sessionId);
  }

  private async closeLeftOpen(
    ownPrevious: boolean,
    beats: ReadonlyMap<string, number>,
    silent: (nodeId: string) => boolean,
    now: number,
    sessionId?: string,
  ): Promise<number> {
    const open = (await this.db.attendance.openStays()).filter(
      (s) => sessionId === undefined || s.sessionId === sessionId,
    );
    if (open.length === 0) return 0;
    const lastEvent = new Map<string, AttendanceEvent>();
    for (const e of await this.db.attendance.eventsForStays(open.map((s) => s.id)))
      lastEvent.set(e.stayId, e);
    let closed = 0;
    for (const stay of open) {
      const last = lastEvent.get(stay.id);
      const writer = last?.nodeId ?? this.nodeId;
      // Ended in the ledger, but not marked (written before stays were closed with their end).
      if (last && closesStay(last.type)) {
        await this.db.attendance.closeStay(stay.id);
        continue;
      }
      if (writer === this.nodeId ? !ownPrevious : !silent(writer)) continue;
      const beat = beats.get(writer);
      const at = Math.max(stay.lastEventAt, Math.min(beat ?? stay.lastEventAt, now));
      const mine = await this.db.transaction(async (tx) => {
        if (!(await tx.attendance.closeStay(stay.id))) return false;
        await tx.attendance.appendEvent(stay.id, {
          type: 'server_restart',
          at,
          nodeId: this.nodeId,
          data: null,
          checkInId: null,
          closesStay: true,
        });
        return true;
      });
      if (mine) closed += 1;
    }
    return closed;
  }

  /** One beat, then a sweep: what the timer runs at every interval. */
  async tick(): Promise<void> {
    try {
      await this.beat();
      await this.sweep();
    } catch (err) {
      // No heartbeat could be read or written meanwhile, by this node or maybe by any:
      // silence is counted afresh once the database answers again.
      this.seen.clear();
      this.log.error({ err }, 'heartbeat failed');
    }
  }

  /**
   * Whether another running process uses this node's id: the heartbeat this process
   * last replaced was not its own. Each would close the other's stays as its own crashed
   * predecessor's and run the sessions held under the id. Checked at every beat.
   */
  get sharedNodeId(): boolean {
    return this.#sharedNodeId;
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async beat(): Promise<void> {
    const before = await this.db.attendance.heartbeat(this.nodeId, this.clock(), this.instance);
    // The first beat replaces the previous process's, whatever it was.
    const shared = this.beaten && before !== this.instance;
    this.beaten = true;
    if (shared && !this.#sharedNodeId)
      this.log.error(
        { nodeId: this.nodeId },
        'another running process uses this node id: give each node its own HAVEN_NODE_ID',
      );
    this.#sharedNodeId = shared;
  }
}
