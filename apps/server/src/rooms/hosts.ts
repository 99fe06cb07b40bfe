import { HavenError } from '@haven/protocol';
import type { Database } from '@haven/db';

/**
 * Which node runs each live session, kept in the shared database. A session runs on one
 * node at a time: a second node asked to open it refuses (SESSION_ELSEWHERE) until the
 * first releases it or falls silent, so no session ever has two rooms and two ledgers.
 * Routing each session's connections to its node is the load balancer's work (README).
 */
export class SessionHosts {
  constructor(
    private readonly db: Database,
    private readonly nodeId: string,
    /**
     * Whether a node whose heartbeat reads `beat` (null: none) is taken for gone, so that
     * its sessions may be taken over (Heartbeat.silent).
     */
    private readonly silent: (nodeId: string, beat: number | null) => boolean,
    private readonly clock: () => number,
    /** Closes what other nodes left open in a session this node has just taken. */
    private readonly adopt: (sessionId: string) => Promise<unknown> = async () => {},
  ) {}

  /**
   * Takes the session for this node, or refuses if a live node runs it or it has ended
   * (on any node: a join that looked the session up before it ended gets the answer it
   * would get on the node where it ended).
   */
  async claim(sessionId: string): Promise<void> {
    const { attendance } = this.db;
    const now = this.clock();
    let host = await attendance.claimHost(sessionId, this.nodeId, now);
    if (host !== null && host !== this.nodeId) {
      const beat = await attendance.lastHeartbeat(host);
      if (this.silent(host, beat))
        host = await attendance.takeOverHost(sessionId, this.nodeId, now, host, beat);
    }
    if (host === null) throw new HavenError('SESSION_ENDED', 'This session has ended.');
    if (host !== this.nodeId)
      throw new HavenError(
        'SESSION_ELSEWHERE',
        'This session is running on another server; connecting again shortly.',
      );
    await this.adopt(sessionId);
  }

  /** The session no longer runs here: it ended, or this node is stopping. */
  release(sessionId: string): Promise<void> {
    return this.db.attendance.releaseHost(sessionId, this.nodeId);
  }
}
