import { sql, type Selectable } from 'kysely';
import { checkLink, entryHash, GENESIS_HASH, type ChainHead } from '../audit-chain.js';
import { withTx, type RepoContext } from '../context.js';
import { badRequest } from '../errors.js';
import { fromJsonText, toJsonText, type JsonObject } from '../json.js';
import type { AuditLogTable } from '../schema.js';
import type { AuditEntry, AuditVerification } from '../types.js';

export interface NewAuditEntry {
  action: string;
  /** Defaults to now. */
  at?: number;
  actorId?: string | null;
  actorRole?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  requestId?: string | null;
  /** Ids and facts only: never names, tokens or health data. */
  details?: JsonObject | null;
}

export interface AuditFilter {
  /** Entries at or after `from` and before `to` (epoch ms). */
  from?: number;
  to?: number;
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** Entries after this seq, for paging; 0 from the start. */
  afterSeq?: number;
  /** Entries before this seq, for paging backwards from the newest. */
  beforeSeq?: number;
  /** Oldest first (default) or newest first. */
  order?: 'asc' | 'desc';
  /** At most this many entries (default 100, at most 1000). */
  limit?: number;
}

const toEntry = (r: Selectable<AuditLogTable>): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  actorId: r.actor_id,
  actorRole: r.actor_role,
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  requestId: r.request_id,
  details: fromJsonText<JsonObject>(r.details),
  prevHash: r.prev_hash,
  hash: r.hash,
});

const VERIFY_PAGE = 1000;

/**
 * The append-only audit trail (who did what, when), hash-chained as described in
 * `audit-chain.ts`. Appends are serialized so no two entries chain to the same
 * predecessor: on PostgreSQL by a transaction-scoped advisory lock keyed on the table,
 * on SQLite by the transaction itself (one writer at a time). `seq` is assigned under
 * that lock as last + 1, so a rolled-back append leaves no gap.
 */
export class AuditRepo {
  constructor(private readonly ctx: RepoContext) {}

  async append(input: NewAuditEntry): Promise<AuditEntry> {
    if (!input.action.trim()) throw badRequest('an audit entry needs an action');
    return withTx(this.ctx, async (trx, tctx) => {
      if (tctx.dialect === 'postgres') {
        await sql`select pg_advisory_xact_lock(('audit_log'::regclass)::oid::bigint)`.execute(trx);
      }
      const last = await trx
        .selectFrom('audit_log')
        .select(['seq', 'hash'])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      const fields = {
        seq: last ? last.seq + 1 : 1,
        at: input.at ?? tctx.now(),
        actorId: input.actorId ?? null,
        actorRole: input.actorRole ?? null,
        action: input.action,
        targetType: input.targetType ?? null,
        targetId: input.targetId ?? null,
        requestId: input.requestId ?? null,
        details: toJsonText(input.details),
        prevHash: last ? last.hash : GENESIS_HASH,
      };
      const row = await trx
        .insertInto('audit_log')
        .values({
          seq: fields.seq,
          at: fields.at,
          actor_id: fields.actorId,
          actor_role: fields.actorRole,
          action: fields.action,
          target_type: fields.targetType,
          target_id: fields.targetId,
          request_id: fields.requestId,
          details: fields.details,
          prev_hash: fields.prevHash,
          hash: entryHash(fields),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toEntry(row);
    });
  }

  async list(filter: AuditFilter = {}): Promise<AuditEntry[]> {
    const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 100), 1), 1000);
    let q = this.ctx.db.selectFrom('audit_log').selectAll();
    if (filter.afterSeq !== undefined) q = q.where('seq', '>', filter.afterSeq);
    if (filter.beforeSeq !== undefined) q = q.where('seq', '<', filter.beforeSeq);
    if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
    if (filter.to !== undefined) q = q.where('at', '<', filter.to);
    if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
    if (filter.action) q = q.where('action', '=', filter.action);
    if (filter.targetType) q = q.where('target_type', '=', filter.targetType);
    if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
    const rows = await q
      .orderBy('seq', filter.order ?? 'asc')
      .limit(limit)
      .execute();
    return rows.map(toEntry);
  }

  /** The newest entry's seq and hash, to keep a copy outside the database. */
  async head(): Promise<ChainHead> {
    const row = await this.ctx.db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ?? null;
  }

  /**
   * Walks the whole chain in seq order and reports the first entry that was edited,
   * is missing, or is out of place. Entries cut off the end go unnoticed here; compare
   * `head` with a copy kept elsewhere for that.
   */
  async verify(): Promise<AuditVerification> {
    let head: ChainHead = null;
    let count = 0;
    for (;;) {
      let page = this.ctx.db.selectFrom('audit_log').selectAll();
      if (head) page = page.where('seq', '>', head.seq);
      const rows = await page.orderBy('seq').limit(VERIFY_PAGE).execute();
      for (const r of rows) {
        const broken = checkLink(head, {
          seq: r.seq,
          at: r.at,
          actorId: r.actor_id,
          actorRole: r.actor_role,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          requestId: r.request_id,
          details: r.details,
          prevHash: r.prev_hash,
          hash: r.hash,
        });
        if (broken) return { ok: false, firstBrokenSeq: broken.seq, reason: broken.reason };
        head = { seq: r.seq, hash: r.hash };
        count++;
      }
      if (rows.length < VERIFY_PAGE) return { ok: true, count, head };
    }
  }
}
