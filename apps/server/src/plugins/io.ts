import fp from 'fastify-plugin';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Config } from '../config.js';
import type { HavenServer } from '../signaling/types.js';
import type { Logger } from 'pino';
import { coalesceWrites } from './io-writes.js';
import type { RedisCommands } from '../auth/throttle.js';

declare module 'fastify' {
  interface FastifyInstance {
    io: HavenServer;
    /** The Redis client broadcasts are published with, when nodes share Redis. */
    redis: RedisCommands | null;
  }
}

/**
 * socket.io on the same HTTP server. With REDIS_URL, broadcasts go through Redis so
 * several nodes serve one deployment.
 */
export const ioPlugin = fp<{ config: Config }>(
  async (app, { config }) => {
    const io: HavenServer = new Server(app.server, {
      path: '/socket.io',
      serveClient: false,
      maxHttpBufferSize: 256 * 1024,
      pingInterval: 10_000,
      pingTimeout: 8_000,
      cors: config.env === 'development' ? { origin: true, credentials: true } : { origin: false },
      // Signaling messages are small JSON: compressing them costs more CPU than it saves.
      perMessageDeflate: false,
      httpCompression: false,
    });
    coalesceWrites(io.engine);
    let closeRedis = async () => {};
    let redis: RedisCommands | null = null;
    if (config.redisUrl) {
      const pub = createClient({ url: config.redisUrl });
      const sub = pub.duplicate();
      pub.on('error', (err: unknown) => app.log.error({ err }, 'redis publisher error'));
      sub.on('error', (err: unknown) => app.log.error({ err }, 'redis subscriber error'));
      await Promise.all([pub.connect(), sub.connect()]);
      guardPublish(pub, app.log as unknown as Logger);
      io.adapter(createAdapter(pub, sub));
      redis = pub;
      closeRedis = async () => {
        await Promise.allSettled([pub.quit(), sub.quit()]);
      };
      app.log.info('socket.io uses the Redis adapter');
    }
    app.decorate('io', io);
    app.decorate('redis', redis);
    // Closing drops the connections without telling clients they were sent away: they
    // reconnect on their own once a server is back (a restart or a deploy), where a
    // disconnect from the server would end their calls for good.
    app.addHook('preClose', async () => {
      await io.close();
      await closeRedis();
    });
  },
  { name: 'haven-io' },
);

type Publisher = Pick<ReturnType<typeof createClient>, 'publish'>;

/**
 * The Redis adapter publishes every cross-node broadcast without waiting for the answer,
 * so a publish that fails (Redis gone, a connection dropped, the client closed during
 * shutdown) would be an unhandled rejection, and Node ends the process: every call on
 * this node would drop for one lost broadcast. The loss is logged instead, and the node
 * goes on serving its own calls.
 */
export function guardPublish(client: Publisher, log: Logger): void {
  const publish = client.publish.bind(client);
  (client as { publish: Publisher['publish'] }).publish = ((channel: string, message: string) =>
    publish(channel, message).catch((err: unknown) => {
      log.error({ err, channel }, 'a broadcast to the other nodes failed');
      return 0;
    })) as Publisher['publish'];
}
