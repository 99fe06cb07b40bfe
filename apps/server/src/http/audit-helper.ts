import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';

/** Appends the audit entry for an HTTP action by `principal`. */
export function audited(
  app: FastifyInstance,
  request: FastifyRequest,
  principal: Principal,
  action: string,
  target: { type: string; id: string } | null,
  details?: Record<string, unknown>,
): Promise<void> {
  return app.clinic.audit.append({
    actorId: principal.kind === 'patient' ? principal.patientId : principal.userId,
    actorRole: principal.kind === 'patient' ? 'patient' : principal.role,
    action,
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    requestId: request.id,
    details: details ?? null,
  });
}
