import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { InstantParam, key } from '@haven/protocol';
import { authorize } from '../plugins/auth.js';
import { parse } from './errors.js';
import { audited } from './audit-helper.js';

const AuditQuery = z
  .object({
    from: InstantParam.optional(),
    to: InstantParam.optional(),
    actorId: key().optional(),
    action: key().optional(),
    afterSeq: z.coerce.number().int().min(0).optional(),
    beforeSeq: z.coerce.number().int().min(1).optional(),
    order: z.enum(['asc', 'desc']).default('asc'),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();

/** The audit trail for admins: read it (a read is itself recorded) and verify its hash chain. */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/audit', async (request) => {
    const principal = authorize(request, 'audit.read');
    const q = parse(AuditQuery, request.query);
    const entries = await app.db.audit.list({
      ...(q.from !== undefined ? { from: q.from } : {}),
      ...(q.to !== undefined ? { to: q.to } : {}),
      ...(q.actorId ? { actorId: q.actorId } : {}),
      ...(q.action ? { action: q.action } : {}),
      ...(q.afterSeq !== undefined ? { afterSeq: q.afterSeq } : {}),
      ...(q.beforeSeq !== undefined ? { beforeSeq: q.beforeSeq } : {}),
      order: q.order,
      limit: q.limit,
    });
    await audited(app, request, principal, 'audit.view', null, { count: entries.length });
    return { ok: true, data: entries };
  });

  app.get('/api/audit/verify', async (request) => {
    const principal = authorize(request, 'audit.read');
    const result = await app.db.audit.verify();
    await audited(app, request, principal, 'audit.verify', null, { ok: result.ok });
    return { ok: true, data: result };
  });
}
