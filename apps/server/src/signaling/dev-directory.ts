import { HavenError } from '@haven/protocol';
import { noLedger } from '../attendance/ledger.js';
import type { SessionDirectory } from './directory.js';

/** Development rooms are named with this prefix so they never collide with clinic sessions. */
export const DEV_ROOM_PREFIX = 'dev-';
/** Development rooms named so have end-to-end encrypted media. */
export const DEV_E2EE_PREFIX = `${DEV_ROOM_PREFIX}e2ee-`;

/**
 * Ad hoc rooms for development: no waiting room, no clinic records, no attendance.
 * Only reachable with development tokens, which only a development server issues.
 */
export const devDirectory: SessionDirectory = {
  async resolve(sessionId) {
    if (!sessionId.startsWith(DEV_ROOM_PREFIX))
      throw new HavenError('NOT_FOUND', 'No such session.');
    return {
      info: {
        sessionId,
        title: 'Development room',
        waitingRoom: false,
        e2ee: sessionId.startsWith(DEV_E2EE_PREFIX),
      },
      target: { sessionId, staffIds: [] },
      staff: async () => ({ sessionId, staffIds: [] }),
      ledger: noLedger,
      status: { setStatus: async () => {} },
    };
  },
  async admissionCheck() {},
  async saveCheckIn() {
    throw new HavenError('INVALID_STATE', 'Development rooms have no check-in.');
  },
  async latestCheckIn() {
    return null;
  },
  async recordRemoval() {},
};
