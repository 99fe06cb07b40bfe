import type { Kysely, Migration } from 'kysely';

/**
 * Which process wrote a node's last heartbeat. Two processes given one node id would
 * each take the other's open stays for their own crashed predecessor's, and both run
 * the sessions that name the node as host; each process checks that the heartbeat it
 * finds is the one it wrote last.
 */
export const heartbeatInstance: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('attendance_heartbeats').addColumn('instance', 'text').execute();
  },
};
