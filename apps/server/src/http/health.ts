import type { FastifyInstance } from 'fastify';
import { PROTOCOL_VERSION } from '@haven/protocol';

/**
 * Whether this node can serve. A node whose id another running process also uses
 * answers 503: the two would corrupt each other's attendance and run sessions twice, and
 * a node an orchestrator marks unhealthy is one its operator looks at.
 */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/health', async (_request, reply) => {
    const shared = app.clinic.heartbeat.sharedNodeId;
    if (shared) void reply.code(503);
    return {
      ok: !shared,
      data: {
        status: shared ? 'node_id_in_use' : 'ok',
        protocolVersion: PROTOCOL_VERSION,
        workers: app.sfu.workers().length,
      },
    };
  });
}
