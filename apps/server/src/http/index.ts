import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { authRoutes } from './auth.js';
import { sessionRoutes } from './sessions.js';
import { inviteRoutes } from './invites.js';
import { peopleRoutes } from './people.js';
import { programRoutes } from './programs.js';
import { auditRoutes } from './audit.js';
import { attendanceRoutes } from './attendance.js';

/** The base URL links are built on: configured, or the one the request came to. */
export const publicBaseFor = (config: Config) => (request: FastifyRequest) =>
  config.publicUrl ?? `${request.protocol}://${request.host}`;

/** Every HTTP API route, registered explicitly. */
export async function apiRoutes(
  app: FastifyInstance,
  { config }: { config: Config },
): Promise<void> {
  await app.register(authRoutes, {
    secureCookies: config.env === 'production',
    keySecret: config.jwtSecret,
  });
  await app.register(sessionRoutes);
  await app.register(inviteRoutes, { publicBase: publicBaseFor(config) });
  await app.register(peopleRoutes);
  await app.register(programRoutes);
  await app.register(auditRoutes);
  await app.register(attendanceRoutes);
}
