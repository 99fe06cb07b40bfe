import type { Logger } from 'pino';
import type { RoomMedia, PeerMedia } from '@haven/sfu';
import type {
  CheckIn,
  EndReason,
  JoinResult,
  ProducerInfo,
  ServerToClientEvents,
} from '@haven/protocol';
import { HavenError } from '@haven/protocol';
import type { Ledger, LedgerEventType } from '../attendance/ledger.js';
import type { AuditSink } from '../audit/audit.js';
import { channels, type HavenServer, type HavenSocket } from '../signaling/types.js';
import type { LeftReason, Participant, Subject } from './participant.js';
import { Room, type RoomInfo } from './room.js';
import type { SessionTarget } from './policy.js';
import { canSee, publicView, snapshotFor, speakerFor, viewOf } from './views.js';

export type SessionStatus = 'open' | 'live' | 'ended';

export interface SessionStatusStore {
  setStatus(sessionId: string, status: SessionStatus, at: number, reason?: string): Promise<void>;
}

export interface LiveSessionDeps {
  io: HavenServer;
  media: RoomMedia;
  ledger: Ledger;
  audit: AuditSink;
  sessions: SessionStatusStore;
  clock: () => number;
  logger: Logger;
  graceMs: number;
  /** Called once the session has ended and released its media. */
  onEnded: (sessionId: string) => void;
  /**
   * Called once a session no clinician ever opened has been empty for `idleMs` and has
   * released its media; its record is left as it was (the session may still take place).
   */
  onRetired: (sessionId: string) => void;
  idleMs: number;
}

/** How long a clinician's dropped connection may take to come back before those waiting hear they are gone. */
export const ABSENCE_AFTER_DROP_MS = 5_000;

export interface JoinOptions {
  checkIn: CheckIn | null;
  checkInId: string | null;
}

/**
 * A therapy session while it runs: the Room state, its media, the sockets of the people
 * in it, and the ledger. Every state change goes through `run()`, one at a time, so the
 * ledger sees transitions in the order they happened.
 */
export class LiveSession {
  readonly room: Room;
  readonly log: Logger;
  private readonly sockets = new Map<string, HavenSocket>();
  private readonly peers = new Map<string, PeerMedia>();
  private queue: Promise<unknown> = Promise.resolve();
  private holdTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private lastStatus: SessionStatus | null = null;
  /** What those waiting were last told of a clinician's presence (see tellPresence). */
  private toldPresent = false;
  /** Tells those waiting of the absence a dropped connection left, unless it comes back. */
  private absenceTimer: NodeJS.Timeout | null = null;
  /** The router this session's media flows through; replaced if its worker dies. */
  media: RoomMedia;

  constructor(
    info: RoomInfo,
    /**
     * The session's staff as the clinic's records say now. Read at each moderation
     * request: a substitute added while the session runs may moderate, and someone
     * taken off the session no longer may.
     */
    readonly staff: () => Promise<SessionTarget>,
    readonly deps: LiveSessionDeps,
  ) {
    this.room = new Room(info);
    this.media = deps.media;
    this.log = deps.logger.child({ sessionId: info.sessionId });
    this.watchMedia(deps.media);
  }

  get sessionId(): string {
    return this.room.sessionId;
  }

  get ended(): boolean {
    return this.room.phase === 'ended';
  }

  /** Released without ending (process shutdown, or let go while nobody came). */
  disposed = false;

  /** Neither ended nor released: this node still runs it. */
  get running(): boolean {
    return !this.ended && !this.disposed;
  }

  /** Runs one state change after the ones before it have finished. */
  run<T>(fn: () => Promise<T> | T): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  now(): number {
    return this.deps.clock();
  }

  peer(participantId: string): PeerMedia | undefined {
    return this.peers.get(participantId);
  }

  producersOf = (participantId: string): ProducerInfo[] =>
    this.peers.get(participantId)?.producers() ?? [];

  async join(socket: HavenSocket, subject: Subject, opts: JoinOptions): Promise<JoinResult> {
    // A socket that closed while its join waited was never attached, so its disconnect
    // found nothing to do: attaching it now would leave someone present who is not.
    if (socket.disconnected)
      throw new HavenError('INVALID_STATE', 'The connection closed before joining.');
    this.stopIdleTimer();
    const now = this.now();
    const outcome = this.room.arrive(subject, now);
    const p = outcome.participant;
    if (opts.checkIn) {
      p.checkIn = opts.checkIn;
      p.checkInId = opts.checkInId;
    }
    if (outcome.kind === 'lockedOut') {
      await this.record(p, 'late_arrival_refused', now);
      this.log.info({ participantId: p.id }, 'late arrival refused: session locked');
      throw new HavenError('SESSION_LOCKED', 'This session is closed to late arrivals.');
    }
    // Keys are per page: the joining page says its own once it is in the room.
    p.e2eeKey = null;
    this.attach(socket, p);
    if (outcome.reconnect) {
      await this.record(p, 'reconnected', now);
      this.log.info({ participantId: p.id, state: p.state.kind }, 'participant reconnected');
    } else {
      await this.record(p, 'arrived', now);
      this.log.info(
        { participantId: p.id, role: p.role, state: p.state.kind },
        'participant arrived',
      );
    }
    if (p.isStaff) socket.join(channels.staff(this.sessionId));
    if (outcome.kind === 'admitted') {
      if (!outcome.reconnect) await this.record(p, 'admitted', now);
      await this.enterRoom(p, outcome.reconnect);
      await this.syncStatus();
      this.pushQueueTo(p);
      if (p.id === this.room.leadId) this.clearHold();
      this.tellPresence();
      return this.statusOf(p.id);
    }
    this.pushQueue();
    return this.statusOf(p.id);
  }

  /** Where someone who joined stands now, as a join answers it. */
  statusOf(participantId: string): JoinResult {
    const p = this.room.require(participantId);
    switch (p.state.kind) {
      case 'admitted':
        return { state: 'admitted', space: p.state.space, participantId: p.id };
      case 'waiting':
        return {
          state: 'waiting',
          message: p.state.message,
          lateArrival: p.lateArrival,
          clinicianPresent: this.clinicianPresent,
          participantId: p.id,
        };
      default:
        throw new HavenError('INVALID_STATE', 'You are no longer in this session.');
    }
  }

  /** Puts an admitted participant's connection into the room: media peer, channels, snapshot. */
  async enterRoom(p: Participant, reconnect: boolean): Promise<void> {
    const socket = this.sockets.get(p.id);
    this.peers.get(p.id)?.close();
    this.peers.delete(p.id);
    const space = p.space ?? 'main';
    // While a dead worker's router is being replaced the person enters without media;
    // the new router gives everyone in the room theirs (replaceMedia).
    if (!this.media.closed) {
      const peer = this.media.createPeer(p.id);
      this.peers.set(p.id, peer);
      this.wirePeer(p.id, peer);
      void this.media.setPeerGroup(p.id, space);
    }
    socket?.join(channels.admitted(this.sessionId));
    this.toParticipant(p.id, 'you:status', {
      state: 'admitted',
      space,
      routerRtpCapabilities: this.media.rtpCapabilities,
      e2ee: this.room.info.e2ee,
    });
    this.toParticipant(
      p.id,
      'room:snapshot',
      snapshotFor(this.room, p, this.producersOf, this.media.activeSpeakerOf(space)),
    );
    for (const viewer of this.room.admitted()) {
      if (viewer.id === p.id) continue;
      const event = reconnect ? 'participant:updated' : 'participant:joined';
      this.toParticipant(viewer.id, event, publicView(p, viewer, this.producersOf));
    }
  }

  /** Takes a participant out of the room's media and roster (to the waiting room or out). */
  exitRoom(p: Participant): void {
    this.peers.get(p.id)?.close();
    this.peers.delete(p.id);
    this.sockets.get(p.id)?.leave(channels.admitted(this.sessionId));
    this.deps.io
      .to(channels.admitted(this.sessionId))
      .emit('participant:left', { participantId: p.id });
  }

  /**
   * Someone leaves the session (of their own accord, removed, turned away). The ledger is
   * written first: if the write fails, nothing has changed and the leave can be tried
   * again. After it, everything happens: a companion left alone in a private space goes
   * back to the group even if their own record of it cannot be written.
   */
  async leave(
    participantId: string,
    reason: LeftReason,
    type: LedgerEventType,
    data?: Record<string, unknown>,
  ) {
    const p = this.room.require(participantId);
    const wasIn = p.admitted;
    const companions = this.companionsOf(p);
    const now = this.now();
    await this.record(p, type, now, data);
    this.room.leave(participantId, reason, now);
    if (wasIn) this.exitRoom(p);
    await this.backToGroup(companions, now);
    this.release(p.id);
    this.pushQueue();
    this.tellPresence();
    this.broadcastPatch();
    this.log.info({ participantId, reason }, 'participant left');
    if (p.id === this.room.leadId && !this.ended) await this.onLeadGone();
    this.retireWhenIdle();
  }

  /** Those sharing `p`'s private space (a step-out), who are alone there once `p` goes. */
  companionsOf(p: Participant): Participant[] {
    const space = p.space;
    if (!space || space === 'main') return [];
    return this.room.admitted().filter((o) => o.space === space && o.id !== p.id);
  }

  /**
   * Tells those a private space lost its other member from (the room has dissolved it)
   * that they are back in the group, and moves their media. Their record of it is
   * written, or its failure logged: they are back either way.
   */
  async backToGroup(companions: readonly Participant[], now: number): Promise<void> {
    for (const c of companions) {
      await this.record(c, 'returned', now).catch((err: unknown) =>
        this.log.error({ err, participantId: c.id }, 'a return to the group could not be recorded'),
      );
      this.moved(c);
      this.toParticipant(c.id, 'you:status', { state: 'admitted', space: 'main' });
      this.broadcastParticipant(c);
    }
  }

  /** A socket dropped without leaving: the person stays in the session, marked disconnected. */
  async disconnected(socket: HavenSocket): Promise<void> {
    const participantId = socket.data.participantId;
    if (!participantId || this.sockets.get(participantId) !== socket) return;
    const p = this.room.get(participantId);
    if (!p || p.state.kind === 'left') return;
    this.sockets.delete(participantId);
    const now = this.now();
    // The connection is gone whatever the ledger says: a write that fails loses the
    // record of the drop, never the drop (a lead who dropped still puts the session on hold).
    await this.record(p, 'connection_lost', now).catch((err: unknown) =>
      this.log.error({ err, participantId }, 'a lost connection could not be recorded'),
    );
    this.log.info({ participantId }, 'connection lost');
    this.peers.get(p.id)?.close();
    this.peers.delete(p.id);
    const outcome = this.room.disconnect(participantId, now, this.deps.graceMs);
    this.broadcastParticipant(p);
    this.pushQueue();
    this.tellPresence(ABSENCE_AFTER_DROP_MS);
    if (outcome === 'handedOver') this.announceLead();
    if (outcome === 'onHold') this.startHold();
    this.retireWhenIdle();
  }

  /**
   * A session nobody connected is in, that no clinician has opened (patients came early
   * to a session that did not take place, say), would hold its router for as long as the
   * process runs. After `idleMs` of that, it lets its media go; a later join starts it
   * again, with the patients' earlier stays as they were recorded.
   */
  private retireWhenIdle(): void {
    if (!this.idle() || this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      void this.run(async () => {
        if (!this.idle()) return;
        this.log.info('nobody came: the session lets its media go');
        this.dispose();
        this.deps.onRetired(this.sessionId);
      }).catch((err: unknown) => this.log.error({ err }, 'retiring an empty session failed'));
    }, this.deps.idleMs);
    this.idleTimer.unref();
  }

  private idle(): boolean {
    return (
      !this.ended &&
      this.room.phase === 'open' &&
      this.room.leadId === null &&
      !this.room.all().some((p) => p.connected)
    );
  }

  private stopAbsenceTimer(): void {
    if (this.absenceTimer) clearTimeout(this.absenceTimer);
    this.absenceTimer = null;
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /**
   * Ends the session. The ledger and the session's status are written before anything
   * changes: if a write fails, the session runs on as it was and ending it can be tried
   * again (a stay that already has its end keeps the first one).
   */
  async end(reason: EndReason, actorId: string | null): Promise<void> {
    if (this.ended) return;
    const now = this.now();
    for (const p of this.room.present()) await this.record(p, 'session_ended', now, { reason });
    await this.setStatus('ended', reason);
    const present = this.room.end(now);
    this.stopHoldTimer();
    this.stopAbsenceTimer();
    this.deps.io.to(channels.admitted(this.sessionId)).emit('session:ended', { reason });
    for (const p of present) {
      this.toParticipant(p.id, 'session:ended', { reason });
      this.release(p.id);
    }
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.log.info({ reason, actorId: actorId ?? undefined }, 'session ended');
    this.deps.ledger.forget(this.sessionId);
    this.media.close();
    this.deps.onEnded(this.sessionId);
  }

  /**
   * After `p` moved between spaces: stop media between people who no longer share a
   * space, and announce producers between people who now do.
   */
  moved(p: Participant): void {
    const myPeer = this.peers.get(p.id);
    // Each space hears its own speaker: the SFU keeps one per group of peers.
    const space = p.space ?? 'main';
    void this.media.setPeerGroup(p.id, space);
    this.toParticipant(p.id, 'room:activeSpeaker', {
      participantId: speakerFor(this.room, p, this.media.activeSpeakerOf(space)),
    });
    for (const other of this.room.admitted()) {
      if (other.id === p.id) continue;
      const otherPeer = this.peers.get(other.id);
      if (canSee(p, other)) {
        for (const info of this.producersOf(other.id))
          this.toParticipant(p.id, 'media:newProducer', info);
        for (const info of this.producersOf(p.id))
          this.toParticipant(other.id, 'media:newProducer', info);
      } else {
        myPeer?.closeConsumersOfPeer(other.id);
        otherPeer?.closeConsumersOfPeer(p.id);
      }
    }
  }

  /**
   * Tells every admitted participant (but `except`, whom the caller answers itself) how
   * `p` now looks. Those who share p's space get its media; the rest the same view
   * without it: two messages at most, each encoded once for all its recipients.
   */
  broadcastParticipant(p: Participant, except?: Participant): void {
    if (!p.admitted && p.state.kind !== 'left') return;
    const seeing: string[] = [];
    const others: string[] = [];
    for (const viewer of this.room.admitted()) {
      if (viewer === except) continue;
      const list = viewer !== p && canSee(p, viewer) ? seeing : others;
      list.push(channels.participant(viewer.id));
    }
    const io = this.deps.io;
    if (seeing.length > 0)
      io.to(seeing).emit('participant:updated', viewOf(p, true, this.producersOf));
    if (others.length > 0)
      io.to(others).emit('participant:updated', viewOf(p, false, this.producersOf));
  }

  private watchMedia(media: RoomMedia): void {
    this.watchSpeaker(media);
    // The owner of a camera sends only the simulcast layers someone receives.
    media.on('layersWanted', ({ peerId, producerId, spatialLayer }) => {
      if (media === this.media && this.peers.has(peerId))
        this.toParticipant(peerId, 'media:layersWanted', { producerId, spatialLayer });
    });
  }

  /** A space's new speaker (or nobody) is told to that space only: never across it. */
  private watchSpeaker(media: RoomMedia): void {
    media.on('activeSpeaker', ({ group, peerId }) => {
      if (media !== this.media) return;
      const to = this.room
        .admitted()
        .filter((viewer) => viewer.space === group)
        .map((viewer) => channels.participant(viewer.id));
      if (to.length > 0) this.deps.io.to(to).emit('room:activeSpeaker', { participantId: peerId });
    });
  }

  broadcastProducerClosed(owner: Participant, producerId: string): void {
    for (const viewer of this.room.admitted()) {
      if (viewer.id !== owner.id && canSee(viewer, owner)) {
        this.toParticipant(viewer.id, 'media:producerClosed', { producerId });
      }
    }
  }

  broadcastPatch(): void {
    const r = this.room;
    this.deps.io.to(channels.admitted(this.sessionId)).emit('room:patch', {
      phase: r.phase,
      locked: r.locked,
      leadId: r.leadId,
      spotlightId: r.spotlightId,
      holdUntil: r.holdUntil,
    });
  }

  /** The waiting queue goes to staff only; a waiting patient never learns of anyone else. */
  pushQueue(): void {
    const entries = this.room.waiting().flatMap((p) => p.waitingEntry() ?? []);
    this.deps.io.to(channels.staff(this.sessionId)).emit('waiting:queue', entries);
  }

  /** A clinician of the session is connected in it: someone who waits can be admitted. */
  get clinicianPresent(): boolean {
    return !this.room.noClinicianPresent();
  }

  /**
   * Tells those waiting when the first clinician comes in and when the last one leaves or
   * drops, so nobody waits without knowing whether anyone knows they are there. Only
   * that: never who else waits, nor who is in the room. Someone who misses a change (their
   * own connection was down) learns where things stand from the answer to their join.
   */
  private tellPresence(absentAfterMs = 0): void {
    const present = this.clinicianPresent;
    if (present || absentAfterMs === 0) this.stopAbsenceTimer();
    if (present === this.toldPresent) return;
    // A connection that drops for a moment (a Wi-Fi blip) is no news to those waiting.
    if (!present && absentAfterMs > 0) {
      this.absenceTimer ??= setTimeout(() => {
        this.absenceTimer = null;
        if (!this.ended && !this.disposed) this.tellPresence();
      }, absentAfterMs);
      return;
    }
    this.toldPresent = present;
    const to = this.room.waiting().map((w) => channels.participant(w.id));
    if (to.length > 0) this.deps.io.to(to).emit('you:clinician', { present });
  }

  private pushQueueTo(p: Participant): void {
    if (!p.isStaff) return;
    this.toParticipant(
      p.id,
      'waiting:queue',
      this.room.waiting().flatMap((w) => w.waitingEntry() ?? []),
    );
  }

  toParticipant<E extends keyof ServerToClientEvents>(
    participantId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    const target = this.deps.io.to(channels.participant(participantId)) as unknown as {
      emit(e: E, ...a: Parameters<ServerToClientEvents[E]>): void;
    };
    target.emit(event, ...args);
  }

  async record(p: Participant, type: LedgerEventType, at: number, data?: Record<string, unknown>) {
    await this.deps.ledger.record({
      sessionId: this.sessionId,
      subject: {
        subjectId: p.subject.subjectId,
        subjectKind: p.role === 'patient' ? 'patient' : 'staff',
        role: p.role,
        displayName: p.displayName,
      },
      type,
      at,
      checkInId: p.checkInId,
      data: data ?? null,
    });
  }

  async syncStatus(): Promise<void> {
    const status: SessionStatus =
      this.room.phase === 'live' ? 'live' : this.room.phase === 'ended' ? 'ended' : 'open';
    if (status === 'open' && this.lastStatus === 'live') return;
    if (status !== this.lastStatus) await this.setStatus(status);
  }

  private async setStatus(status: SessionStatus, reason?: string): Promise<void> {
    await this.deps.sessions.setStatus(this.sessionId, status, this.now(), reason);
    this.lastStatus = status;
  }

  private attach(socket: HavenSocket, p: Participant): void {
    const previous = this.sockets.get(p.id);
    if (previous && previous !== socket) {
      previous.data.participantId = undefined;
      previous.emit('you:removed', { kind: 'replaced', message: null });
      previous.disconnect(true);
    }
    this.sockets.set(p.id, socket);
    socket.data.sessionId = this.sessionId;
    socket.data.participantId = p.id;
    socket.join(channels.participant(p.id));
  }

  release(participantId: string): void {
    const socket = this.sockets.get(participantId);
    if (!socket) return;
    socket.leave(channels.admitted(this.sessionId));
    socket.leave(channels.staff(this.sessionId));
    socket.data.participantId = undefined;
    socket.data.sessionId = undefined;
    socket.data.joining = undefined;
    this.sockets.delete(participantId);
  }

  private wirePeer(participantId: string, peer: PeerMedia): void {
    peer.on('consumerClosed', ({ consumerId }) =>
      this.toParticipant(participantId, 'media:consumerClosed', { consumerId }),
    );
    peer.on('consumerPaused', ({ consumerId }) =>
      this.toParticipant(participantId, 'media:consumerPaused', { consumerId }),
    );
    peer.on('consumerResumed', ({ consumerId }) =>
      this.toParticipant(participantId, 'media:consumerResumed', { consumerId }),
    );
  }

  private async onLeadGone(): Promise<void> {
    const successor = this.room.admitted().find((o) => o.isStaff && o.connected);
    if (successor) {
      this.room.leadId = successor.id;
      this.announceLead();
    } else {
      this.room.phase = 'onHold';
      this.room.holdUntil = this.now() + this.deps.graceMs;
      this.startHold();
    }
  }

  private announceLead(): void {
    const lead = this.room.leadId ? this.room.get(this.room.leadId) : undefined;
    this.log.info({ leadId: this.room.leadId }, 'lead handed over');
    this.broadcastPatch();
    if (lead)
      this.deps.io
        .to(channels.admitted(this.sessionId))
        .emit('you:notice', { kind: 'leadChanged', leadName: lead.displayName });
  }

  private startHold(): void {
    const until = this.room.holdUntil ?? this.now() + this.deps.graceMs;
    this.log.warn({ holdUntil: until }, 'no clinician present: session on hold');
    this.broadcastPatch();
    this.deps.io
      .to(channels.admitted(this.sessionId))
      .emit('you:notice', { kind: 'sessionOnHold', until });
    this.clearHold();
    this.holdTimer = setTimeout(() => {
      void this.run(async () => {
        if (this.room.phase === 'onHold' && this.room.noClinicianPresent())
          await this.end('clinician_timeout', null);
      }).catch((err: unknown) => this.log.error({ err }, 'ending a held session failed'));
    }, this.deps.graceMs);
    this.holdTimer.unref();
  }

  private stopHoldTimer(): boolean {
    if (!this.holdTimer) return false;
    clearTimeout(this.holdTimer);
    this.holdTimer = null;
    return true;
  }

  private clearHold(): void {
    if (this.stopHoldTimer()) {
      this.broadcastPatch();
      this.deps.io
        .to(channels.admitted(this.sessionId))
        .emit('you:notice', { kind: 'sessionResumed' });
    }
  }

  /** Releases everything without ending the session's record (process shutdown). */
  dispose(): void {
    this.disposed = true;
    this.stopHoldTimer();
    this.stopIdleTimer();
    this.stopAbsenceTimer();
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.media.close();
  }

  /**
   * The worker under this session died: move to a fresh router. Everyone keeps their
   * place; each admitted client is told to set its media up again on the new router.
   */
  replaceMedia(media: RoomMedia): void {
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.media = media;
    this.watchMedia(media);
    for (const p of this.room.admitted()) {
      if (!this.sockets.has(p.id)) continue;
      const peer = media.createPeer(p.id);
      this.peers.set(p.id, peer);
      this.wirePeer(p.id, peer);
      void media.setPeerGroup(p.id, p.space ?? 'main');
      this.toParticipant(p.id, 'media:reset', { reason: 'worker_died' });
    }
  }

  audit(entry: Parameters<AuditSink['append']>[0]): Promise<void> {
    return this.deps.audit.append(entry);
  }
}
