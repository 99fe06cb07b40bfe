import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { loggerOptions } from './logger.js';
import { registerErrorHandling } from './http/errors.js';
import { authPlugin } from './plugins/auth.js';
import { confirmAccount } from './auth/accounts.js';
import { sfuPlugin } from './plugins/sfu.js';
import { checkMediaListen } from './media-check.js';
import { ioPlugin } from './plugins/io.js';
import { dbPlugin } from './plugins/db.js';
import { clinicPlugin } from './plugins/clinic.js';
import { healthRoutes } from './http/health.js';
import { devRoutes } from './http/dev.js';
import { findWebDir, webStatic } from './http/web.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import fastifyStatic from '@fastify/static';
import { apiRoutes } from './http/index.js';
import { attachGateway } from './signaling/gateway.js';
import { devDirectory } from './signaling/dev-directory.js';

export interface BuildOptions {
  /** A clock for tests; the real time otherwise. */
  clock?: () => number;
  /** Replaces the logger built from config (tests pass a silent one). */
  logger?: Logger;
}

/**
 * Builds the whole server, nothing hidden: error shape, identity, database, media,
 * sockets, clinic services, routes, then the signaling gateway.
 */
export async function buildApp(
  config: Config,
  options: BuildOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger
      ? { loggerInstance: options.logger }
      : { logger: loggerOptions(config.logLevel) }),
    trustProxy: trustOf(config.trustProxy),
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    ...(config.tls ? { https: { cert: config.tls.cert, key: config.tls.key } } : {}),
  }) as unknown as FastifyInstance;
  const clock = options.clock ?? Date.now;
  if (!config.trustProxy) warnOfUntrustedForwarding(app);

  const webDir = findWebDir(config.webDir);
  registerSecurityHeaders(app, webDir);
  if (webDir) await app.register(fastifyStatic, webStatic(webDir));
  else app.log.warn('web app not built: only the API is served (run `npm run build`)');
  registerErrorHandling(app, { spa: webDir !== undefined });
  await app.register(fastifyCookie);
  await app.register(authPlugin, { config });
  await app.register(dbPlugin, { config, clock });
  await checkMediaListen(config.sfu);
  await app.register(sfuPlugin, { config });
  await app.register(ioPlugin, { config });
  await app.register(clinicPlugin, { config, clock });

  await app.register(healthRoutes);
  if (config.env !== 'production') await app.register(devRoutes);
  await app.register(apiRoutes, { config });

  attachGateway({
    io: app.io,
    tokens: app.tokens,
    confirm: (principal) => confirmAccount(app.db, principal),
    registry: app.clinic.registry,
    directoryFor: (principal) => (principal.kind === 'dev' ? devDirectory : app.clinic.directory),
    logger: app.log as unknown as Logger,
  });
  return app;
}

/**
 * Behind a proxy that nobody said to trust, the client's address and protocol are the
 * proxy's: every client shares one sign-in limit, and links may be made for http. Said
 * once, when the first forwarded request arrives.
 */
function warnOfUntrustedForwarding(app: FastifyInstance): void {
  let said = false;
  app.addHook('onRequest', async (request) => {
    if (said) return;
    const headers = request.headers;
    if (!headers['x-forwarded-for'] && !headers['x-forwarded-proto']) return;
    said = true;
    request.log.warn(
      'a request came through a proxy Haven does not trust: set HAVEN_TRUST_PROXY to its address, so that client addresses and HTTPS are read from it',
    );
  });
}

/** A number of proxies, as Fastify reads it: trust the nearest `n` hops. */
function trustOf(setting: Config['trustProxy']) {
  if (typeof setting !== 'number') return setting;
  return (_address: string, hop: number) => hop < setting;
}
