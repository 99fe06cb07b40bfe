import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TransactionScope } from '@haven/db';
import type { Principal } from '../auth/principal.js';

/**
 * Appends the audit entry for an HTTP action by `principal`. Given `within`, a
 * transaction, the entry is written in it: the change and its entry land together or
 * neither does.
 */
export function audited(
  app: FastifyInstance,
  request: FastifyRequest,
  principal: Principal,
  action: string,
  target: { type: string; id: string } | null,
  details?: Record<string, unknown>,
  within?: Pick<TransactionScope, 'audit'>,
): Promise<unknown> {
  const entry = {
    actorId: principal.kind === 'patient' ? principal.patientId : principal.userId,
    actorRole: principal.kind === 'patient' ? 'patient' : principal.role,
    action,
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    requestId: request.id,
    details: details ?? null,
  };
  if (!within) return app.clinic.audit.append(entry);
  return within.audit.append({ ...entry, at: app.clinic.clock(), details: entry.details as never });
}

/** What an audit entry says of a change: its target and any details. */
export interface AuditOf {
  target: { type: string; id: string } | null;
  details?: Record<string, unknown>;
}

/**
 * Makes a change and writes its audit entry in one transaction: both land, or neither
 * does. `entry` describes the change from its result.
 */
export function changeAudited<T>(
  app: FastifyInstance,
  request: FastifyRequest,
  principal: Principal,
  action: string,
  change: (tx: TransactionScope) => Promise<T>,
  entry: (result: T) => AuditOf,
): Promise<T> {
  return app.db.transaction(async (tx) => {
    const result = await change(tx);
    const { target, details } = entry(result);
    await audited(app, request, principal, action, target, details, tx);
    return result;
  });
}
