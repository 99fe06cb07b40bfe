import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { RoomRegistry } from '../rooms/registry.js';
import { DbLedger } from '../attendance/db-ledger.js';
import { DbAudit } from '../audit/db-audit.js';
import type { AuditSink } from '../audit/audit.js';
import { clinicDirectory } from '../signaling/clinic-directory.js';
import type { SessionDirectory } from '../signaling/directory.js';
import { Heartbeat } from '../attendance/heartbeat.js';
import { SessionHosts } from '../rooms/hosts.js';
import { seedDemo, announceDemo, type DemoInfo } from '../demo.js';

export interface Clinic {
  registry: RoomRegistry;
  directory: SessionDirectory;
  ledger: DbLedger;
  audit: AuditSink;
  heartbeat: Heartbeat;
  clock: () => number;
  /** Prints how to reach the running server (and the demo clinic, when seeded). */
  announce(app: FastifyInstance): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    clinic: Clinic;
  }
}

/**
 * The clinic's services on one node: live sessions, the ledger, the audit trail and
 * the heartbeat that lets a restart close the stays a crash left open.
 */
export const clinicPlugin = fp<{ config: Config; clock: () => number }>(
  async (app, { config, clock }) => {
    const logger = app.log as unknown as Logger;
    const ledger = new DbLedger(app.db, config.nodeId);
    const audit = new DbAudit(app.db, clock);
    const heartbeat = new Heartbeat(app.db, config.nodeId, config.heartbeatMs, clock, logger);
    await heartbeat.recover();
    heartbeat.start();
    const registry = new RoomRegistry({
      io: app.io,
      pool: app.sfu,
      hosts: new SessionHosts(
        app.db,
        config.nodeId,
        (nodeId, beat) => heartbeat.silent(nodeId, beat),
        clock,
        (sessionId) => heartbeat.adopt(sessionId),
      ),
      audit,
      clock,
      logger,
      graceMs: config.clinicianGraceMs,
    });
    let demo: DemoInfo | null = null;
    if (config.demo) demo = await seedDemo(app.db, clock);
    app.decorate('clinic', {
      registry,
      directory: clinicDirectory(app.db, ledger),
      ledger,
      audit,
      heartbeat,
      clock,
      announce: async (server: FastifyInstance) => announceDemo(server, config, demo),
    });
    app.addHook('preClose', async () => {
      heartbeat.stop();
      await registry.close();
    });
  },
  { name: 'haven-clinic', dependencies: ['haven-db', 'haven-sfu', 'haven-io'] },
);
