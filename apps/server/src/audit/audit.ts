/** An entry of the append-only audit trail; never carries tokens, passwords or health data. */
export interface AuditEntry {
  actorId: string | null;
  actorRole: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown> | null;
}

export interface AuditSink {
  append(entry: AuditEntry): Promise<void>;
}

export const noAudit: AuditSink = { append: async () => {} };
