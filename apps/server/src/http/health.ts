import type { FastifyInstance } from 'fastify';
import { PROTOCOL_VERSION } from '@haven/protocol';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/health', async () => ({
    ok: true,
    data: { status: 'ok', protocolVersion: PROTOCOL_VERSION, workers: app.sfu.workers().length },
  }));
}
