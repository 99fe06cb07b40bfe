import type { Database } from '@haven/db';
import type { Ledger, LedgerEvent } from './ledger.js';
import { closesStay } from './derive.js';

/**
 * The attendance ledger on the database: one stay per person per session (found or
 * opened on first event), events appended in order. Awaited before acknowledging.
 */
export class DbLedger implements Ledger {
  private readonly stayIds = new Map<string, string>();

  constructor(
    private readonly db: Database,
    private readonly nodeId: string,
  ) {}

  async record(event: LedgerEvent): Promise<void> {
    const key = `${event.sessionId}\u0000${event.subject.subjectId}`;
    let stayId = this.stayIds.get(key);
    if (!stayId) {
      const { stay } = await this.db.attendance.openStay({
        sessionId: event.sessionId,
        subjectId: event.subject.subjectId,
        subjectKind: event.subject.subjectKind,
        role: event.subject.role,
        displayName: event.subject.displayName,
        at: event.at,
      });
      stayId = stay.id;
      this.stayIds.set(key, stayId);
    }
    await this.db.attendance.appendEvent(stayId, {
      type: event.type,
      at: event.at,
      checkInId: event.checkInId ?? null,
      data: (event.data ?? null) as never,
      nodeId: this.nodeId,
      closesStay: closesStay(event.type),
    });
  }

  /** Forgets cached stays of an ended session. */
  forget(sessionId: string): void {
    for (const key of this.stayIds.keys())
      if (key.startsWith(`${sessionId}\u0000`)) this.stayIds.delete(key);
  }
}
