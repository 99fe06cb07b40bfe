import type { Database } from '@haven/db';
import type { AuditEntry, AuditSink } from './audit.js';

/** The audit trail on the database: hash-chained, append-only. */
export class DbAudit implements AuditSink {
  constructor(
    private readonly db: Database,
    private readonly clock: () => number,
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.db.audit.append({
      at: this.clock(),
      actorId: entry.actorId,
      actorRole: entry.actorRole,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      requestId: entry.requestId ?? null,
      details: (entry.details ?? null) as never,
    });
  }
}
