import type { Database } from '@haven/db';
import type { Logger } from 'pino';

/**
 * The node writes a heartbeat at a fixed interval. After a crash, the next start closes
 * every stay the previous process left open at its last heartbeat, with the reason
 * "server restart": the ledger then never claims minutes nobody can vouch for.
 */
export class Heartbeat {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly nodeId: string,
    private readonly intervalMs: number,
    private readonly clock: () => number,
    private readonly log: Logger,
  ) {}

  async recover(): Promise<number> {
    const last = (await this.db.attendance.lastHeartbeat(this.nodeId)) ?? this.clock();
    const open = await this.db.attendance.openStays();
    const events = await this.db.attendance.eventsForStays(open.map((s) => s.id));
    const lastWriter = new Map<string, string | null>();
    for (const e of events) lastWriter.set(e.stayId, e.nodeId);
    let closed = 0;
    for (const stay of open) {
      // Another node's stays are its own to recover.
      const writer = lastWriter.get(stay.id);
      if (writer && writer !== this.nodeId) continue;
      const at = Math.max(stay.lastEventAt, Math.min(last, this.clock()));
      await this.db.attendance.appendEvent(stay.id, {
        type: 'server_restart',
        at,
        nodeId: this.nodeId,
        data: null,
        checkInId: null,
      });
      await this.db.attendance.closeStay(stay.id);
      closed += 1;
    }
    if (closed > 0)
      this.log.warn(
        { closed, lastHeartbeat: last },
        'closed stays left open by the previous process',
      );
    await this.beat();
    return closed;
  }

  start(): void {
    this.timer = setInterval(() => {
      this.beat().catch((err: unknown) => this.log.error({ err }, 'heartbeat failed'));
    }, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async beat(): Promise<void> {
    await this.db.attendance.heartbeat(this.nodeId, this.clock());
  }
}
