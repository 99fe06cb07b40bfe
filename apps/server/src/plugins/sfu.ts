import fp from 'fastify-plugin';
import { WorkerPool } from '@haven/sfu';
import type { Config } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    sfu: WorkerPool;
  }
}

/** The mediasoup worker pool: started with the app, closed with it. */
export const sfuPlugin = fp<{ config: Config }>(
  async (app, { config }) => {
    const pool = await WorkerPool.create(
      {
        numWorkers: config.sfu.numWorkers,
        listenIp: config.sfu.listenIp,
        ...(config.sfu.announcedAddress ? { announcedAddress: config.sfu.announcedAddress } : {}),
        rtcMinPort: config.sfu.rtcMinPort,
        rtcMaxPort: config.sfu.rtcMaxPort,
        enableUdp: true,
        enableTcp: config.sfu.enableTcp,
        preferUdp: true,
        socketBufferBytes: config.sfu.socketBufferBytes,
      },
      app.log,
    );
    app.decorate('sfu', pool);
    app.addHook('onClose', async () => {
      await pool.close();
    });
  },
  { name: 'haven-sfu' },
);
