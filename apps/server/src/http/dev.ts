import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DEV_ROOM_PREFIX } from '../signaling/dev-directory.js';
import { parse } from './errors.js';

const DevTokenBody = z
  .object({
    sessionId: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and dashes'),
    name: z.string().trim().min(1).max(60),
    role: z.enum(['clinician', 'patient']).default('clinician'),
  })
  .strict();

/** Development only: a token for an ad hoc room, so two browser tabs can call each other. */
export async function devRoutes(app: FastifyInstance): Promise<void> {
  app.post('/api/dev/token', async (request) => {
    const body = parse(DevTokenBody, request.body);
    const sessionId = body.sessionId.startsWith(DEV_ROOM_PREFIX)
      ? body.sessionId
      : `${DEV_ROOM_PREFIX}${body.sessionId}`;
    const { token } = app.tokens.signDev({
      userId: randomUUID(),
      sessionId,
      role: body.role,
      displayName: body.name,
    });
    return { ok: true, data: { token, sessionId, url: devRoomUrl(sessionId, token) } };
  });
}

export const devRoomUrl = (sessionId: string, token: string): string =>
  `/room/${sessionId}#token=${token}`;
