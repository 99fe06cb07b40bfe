import type { Logger } from 'pino';
import { HavenError } from '@haven/protocol';
import type { WorkerPool } from '@haven/sfu';
import type { AuditSink } from '../audit/audit.js';
import type { HavenServer } from '../signaling/types.js';
import type { ResolvedSession } from '../signaling/directory.js';
import { LiveSession } from './live-session.js';
import type { SessionHosts } from './hosts.js';

export interface RegistryDeps {
  io: HavenServer;
  pool: WorkerPool;
  hosts: SessionHosts;
  audit: AuditSink;
  clock: () => number;
  logger: Logger;
  graceMs: number;
}

/** How many clinician grace periods an empty session nobody opened is kept. */
const IDLE_GRACES = 10;

/** The sessions running on this node, each with its own router. */
export class RoomRegistry {
  private readonly sessions = new Map<string, Promise<LiveSession>>();
  private readonly running = new Map<string, LiveSession>();
  /** When sessions ended on this node (performance.now()), for joins already under way. */
  private readonly endedAt = new Map<string, number>();

  constructor(private readonly deps: RegistryDeps) {
    deps.pool.on('workerDied', ({ roomIds }) => {
      for (const id of roomIds) {
        void this.sessions
          .get(id)
          ?.then((s) => this.lostMedia(s))
          .catch((err: unknown) => {
            deps.logger.error({ err, sessionId: id }, 'could not move a session to a new worker');
          });
      }
    });
  }

  /** A session that has started on this node. */
  live(sessionId: string): LiveSession | undefined {
    return this.running.get(sessionId);
  }

  /**
   * The running session, started on first use; concurrent first joins share one start.
   * `lookedUpAt` is when the join read the session: if it ended on this node after that,
   * the join is refused rather than starting the ended session again.
   */
  open(resolved: ResolvedSession, lookedUpAt: number): Promise<LiveSession> {
    const id = resolved.info.sessionId;
    const ended = this.endedAt.get(id);
    if (ended !== undefined && ended >= lookedUpAt)
      return Promise.reject(new HavenError('SESSION_ENDED', 'This session has ended.'));
    let pending = this.sessions.get(id);
    if (!pending) {
      pending = this.start(resolved);
      this.sessions.set(id, pending);
      pending.catch(() => this.sessions.delete(id));
    }
    return pending;
  }

  private async start(resolved: ResolvedSession): Promise<LiveSession> {
    await this.deps.hosts.claim(resolved.info.sessionId);
    let media;
    try {
      media = await this.deps.pool.createRoom(resolved.info.sessionId);
    } catch (err) {
      await this.release(resolved.info.sessionId);
      throw err;
    }
    const { io, audit, clock, logger, graceMs } = this.deps;
    const session = new LiveSession(resolved.info, resolved.staff, {
      io,
      media,
      audit,
      clock,
      logger,
      graceMs,
      ledger: resolved.ledger,
      sessions: resolved.status,
      onEnded: (sessionId) => {
        this.sessions.delete(sessionId);
        this.running.delete(sessionId);
        this.noteEnded(sessionId);
        void this.release(sessionId);
      },
      onRetired: (sessionId) => {
        this.sessions.delete(sessionId);
        this.running.delete(sessionId);
        void this.release(sessionId);
      },
      // Longer than anyone waits for a clinician to come back.
      idleMs: graceMs * IDLE_GRACES,
    });
    this.running.set(session.sessionId, session);
    return session;
  }

  /** Lets another node run the session; a failure only delays that until this node is silent. */
  private async release(sessionId: string): Promise<void> {
    await this.deps.hosts.release(sessionId).catch((err: unknown) => {
      this.deps.logger.error({ err, sessionId }, 'could not release a session to other nodes');
    });
  }

  /** Joins take seconds at most: what ended over ten minutes ago is no longer kept. */
  private noteEnded(sessionId: string): void {
    const now = performance.now();
    for (const [id, at] of this.endedAt) if (now - at > 600_000) this.endedAt.delete(id);
    this.endedAt.set(sessionId, now);
  }

  /**
   * The worker carrying this session died. Its people keep their place; their clients
   * reconnect and rebuild media on a fresh router. The pool respawns workers; a router it
   * cannot make at once is asked for again, for as long as the session runs (a session
   * left on its dead router would have no media for the rest of its hours).
   */
  private async lostMedia(session: LiveSession): Promise<void> {
    session.log.error('media worker lost: moving the session to a new router');
    for (let attempt = 0; session.running; attempt += 1) {
      try {
        const media = await this.deps.pool.createRoom(session.sessionId);
        // The session may have ended or been let go meanwhile: its new router would never
        // be closed.
        if (!session.running) media.close();
        else session.replaceMedia(media);
        return;
      } catch (err) {
        session.log.warn({ err, attempt }, 'no router yet for a session whose worker died');
        await new Promise((r) => setTimeout(r, Math.min(500 * 2 ** attempt, 30_000)));
      }
    }
  }

  list(): Promise<LiveSession[]> {
    return Promise.all(this.sessions.values());
  }

  async close(): Promise<void> {
    for (const s of await Promise.allSettled(this.sessions.values())) {
      if (s.status !== 'fulfilled') continue;
      s.value.dispose();
      await this.release(s.value.sessionId);
    }
    this.sessions.clear();
    this.running.clear();
  }
}
