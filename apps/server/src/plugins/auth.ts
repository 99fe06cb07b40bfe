import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { HavenError } from '@haven/protocol';
import type { Principal } from '../auth/principal.js';
import { TokenService } from '../auth/tokens.js';
import { confirmAccount } from '../auth/accounts.js';
import type { Config } from '../config.js';
import { can, mayEver, type Action, type Target } from '../rooms/policy.js';

declare module 'fastify' {
  interface FastifyInstance {
    tokens: TokenService;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/**
 * The principal of a request: its Bearer token, verified, from an account that is still
 * active; the verified token is the only source of identity.
 */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new HavenError('UNAUTHENTICATED', 'Please sign in.');
  return request.principal;
}

/**
 * Asks the policy. Call `authorize(req, action)` before any lookup (role check), and
 * again with the target once it is known.
 */
export function authorize(request: FastifyRequest, action: Action, target?: Target): Principal {
  const principal = principalOf(request);
  const allowed =
    target === undefined ? mayEver(principal, action) : can(principal, action, target);
  if (!allowed) throw new HavenError('FORBIDDEN', 'You do not have permission to do that.');
  return principal;
}

export const authPlugin = fp<{ config: Config }>(
  async (app, { config }) => {
    app.decorate('tokens', new TokenService(config.jwtSecret, config.accessTokenMinutes));
    app.decorateRequest('principal', null);
    app.addHook('onRequest', async (request) => {
      const header = request.headers.authorization;
      if (!header) return;
      const match = /^Bearer (.+)$/.exec(header);
      if (!match?.[1]) throw new HavenError('UNAUTHENTICATED', 'Malformed Authorization header.');
      const principal = app.tokens.verify(match[1]);
      await confirmAccount(app.db, principal);
      request.principal = principal;
    });
  },
  { name: 'haven-auth' },
);
