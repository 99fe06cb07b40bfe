import type { Migration, MigrationProvider } from 'kysely';
import type { Dialect } from '../context.js';
import { initial } from './001_initial.js';
import { programActive } from './002_program_active.js';
import { sessionHosts } from './003_session_hosts.js';
import { passwordVersion } from './004_password_version.js';
import { endToEnd } from './005_e2ee.js';
import { heartbeatInstance } from './006_heartbeat_instance.js';

/**
 * Migrations are code, listed here in order, so a bundled or compiled build needs no
 * folder of files at run time. Add new ones as `NNN_name.ts` and list them below.
 */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '001_initial': initial(dialect),
        '002_program_active': programActive,
        '003_session_hosts': sessionHosts,
        '004_password_version': passwordVersion,
        '005_e2ee': endToEnd,
        '006_heartbeat_instance': heartbeatInstance,
      };
    },
  };
}
