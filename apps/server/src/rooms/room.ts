import { randomUUID } from 'node:crypto';
import { HavenError, type SessionPhase, type Space } from '@haven/protocol';
import {
  Participant,
  type LeftReason,
  type ParticipantState,
  type Subject,
} from './participant.js';

type Waiting = Participant & { state: Extract<ParticipantState, { kind: 'waiting' }> };
const isWaiting = (p: Participant): p is Waiting => p.state.kind === 'waiting';

export interface RoomInfo {
  sessionId: string;
  title: string;
  /** Ad hoc development rooms have no waiting room. */
  waitingRoom: boolean;
  /** Media is end-to-end encrypted: the browsers relay their keys through the server, which cannot read them. */
  e2ee: boolean;
}

export type ArrivalOutcome =
  | { kind: 'waiting'; participant: Participant; reconnect: boolean }
  | { kind: 'admitted'; participant: Participant; reconnect: boolean }
  | { kind: 'lockedOut'; participant: Participant };

/**
 * The therapy session as state: who is where, who leads, whether it is locked, on hold
 * or ended. No I/O: the live session around it turns these transitions into messages,
 * media changes and ledger entries.
 */
export class Room {
  phase: SessionPhase = 'open';
  locked = false;
  leadId: string | null = null;
  spotlightId: string | null = null;
  holdUntil: number | null = null;
  private readonly participants = new Map<string, Participant>();
  /** Orders raised hands: two raised in the same millisecond keep the order they came in. */
  /** When the last hand went up. */
  private lastHandAt = Number.NEGATIVE_INFINITY;
  private readonly bySubject = new Map<string, string>();

  constructor(readonly info: RoomInfo) {}

  get sessionId(): string {
    return this.info.sessionId;
  }

  all(): Participant[] {
    return [...this.participants.values()];
  }

  admitted(): Participant[] {
    return this.all().filter((p) => p.admitted);
  }

  waiting(): Participant[] {
    return this.all()
      .filter((p) => p.state.kind === 'waiting')
      .sort((a, b) => waitingSince(a) - waitingSince(b));
  }

  get(participantId: string): Participant | undefined {
    return this.participants.get(participantId);
  }

  bySubjectId(subjectId: string): Participant | undefined {
    const id = this.bySubject.get(subjectId);
    return id === undefined ? undefined : this.participants.get(id);
  }

  /** Looks up a participant a request names, or answers NOT_FOUND. */
  require(participantId: string): Participant {
    const p = this.participants.get(participantId);
    if (!p) throw new HavenError('NOT_FOUND', 'No such participant in this session.');
    return p;
  }

  /**
   * Someone connects. Facilitators go straight in; patients wait for admission. A
   * reconnect finds the same participant: one person, one row, whatever the drops.
   */
  arrive(subject: Subject, now: number): ArrivalOutcome {
    if (this.phase === 'ended') throw new HavenError('SESSION_ENDED', 'This session has ended.');
    const existing = this.bySubjectId(subject.subjectId);
    if (existing && existing.state.kind !== 'left') {
      existing.connected = true;
      if (existing.admitted && subject.facilitator) this.onFacilitatorPresent(existing);
      return existing.state.kind === 'admitted'
        ? { kind: 'admitted', participant: existing, reconnect: true }
        : { kind: 'waiting', participant: existing, reconnect: true };
    }
    const participant = existing ?? this.add(subject, now);
    participant.connected = true;
    const direct = subject.facilitator || !this.info.waitingRoom;
    if (direct) {
      participant.state = { kind: 'admitted', since: now, space: 'main' };
      if (subject.facilitator) this.onFacilitatorPresent(participant);
      return { kind: 'admitted', participant, reconnect: false };
    }
    // The lock keeps out late arrivals, not someone who came before it and left (a page
    // reload leaves too): they wait to be admitted again, unless the lock kept them out.
    if (this.locked && (!existing || existing.lateArrival)) {
      participant.lateArrival = true;
      participant.state = { kind: 'left', at: now, reason: 'denied' };
      return { kind: 'lockedOut', participant };
    }
    participant.state = {
      kind: 'waiting',
      since: now,
      returned: existing !== undefined,
      message: null,
    };
    return { kind: 'waiting', participant, reconnect: false };
  }

  /**
   * The waiting person a clinician may admit now. Someone whose connection is lost keeps
   * their place but cannot be admitted: admission starts their attendance, and nobody is
   * there to attend. They come back to the queue when they reconnect.
   */
  admissible(participantId: string): Participant {
    const p = this.requireWaiting(participantId);
    if (!p.connected)
      throw new HavenError(
        'INVALID_STATE',
        'This person’s connection is lost. Admit them once they are back in the waiting room.',
      );
    return p;
  }

  admit(participantId: string, now: number): Participant {
    const p = this.admissible(participantId);
    p.state = { kind: 'admitted', since: now, space: 'main' };
    // Admitted once, they are one of the session's: a later lock does not keep them out.
    p.lateArrival = false;
    if (this.phase === 'open') this.phase = 'live';
    return p;
  }

  deny(participantId: string, now: number): Participant {
    const p: Participant = this.requireWaiting(participantId);
    p.state = { kind: 'left', at: now, reason: 'denied' };
    return p;
  }

  setWaitingMessage(participantId: string, text: string): Participant {
    const p = this.requireWaiting(participantId);
    p.state = { ...p.state, message: text };
    return p;
  }

  sendToWaiting(participantId: string, now: number): Participant {
    const p = this.requireAdmittedPatient(participantId);
    const space = p.space;
    p.state = { kind: 'waiting', since: now, returned: true, message: null };
    p.handRaisedAt = null;
    if (this.spotlightId === p.id) this.spotlightId = null;
    this.dissolve(space);
    return p;
  }

  /** A private space someone left holds one person: it dissolves back into the group. */
  private dissolve(space: Space | null): void {
    if (!space || space === 'main') return;
    for (const other of this.admitted().filter((o) => o.space === space)) {
      other.state = { kind: 'admitted', since: admittedSince(other), space: 'main' };
    }
  }

  /** Moves a clinician and one patient into a private space only the two of them share. */
  /** The clinician and patient who may step out together now, or INVALID_STATE. */
  stepOutPair(clinicianId: string, patientId: string): [Participant, Participant] {
    const clinician = this.require(clinicianId);
    const patient = this.requireAdmittedPatient(patientId);
    if (clinician.space !== 'main' || patient.space !== 'main') {
      throw new HavenError('INVALID_STATE', 'Both must be in the group to step out.');
    }
    return [clinician, patient];
  }

  stepOut(clinicianId: string, patientId: string): Space {
    const [clinician, patient] = this.stepOutPair(clinicianId, patientId);
    const space: Space = `stepout:${randomUUID()}`;
    clinician.state = { kind: 'admitted', since: admittedSince(clinician), space };
    patient.state = { kind: 'admitted', since: admittedSince(patient), space };
    return space;
  }

  /** Everyone in the clinician's private space, or INVALID_STATE when not in one. */
  privateSpaceOf(clinicianId: string): Participant[] {
    const space = this.require(clinicianId).space;
    if (space === null || space === 'main')
      throw new HavenError('INVALID_STATE', 'You are not in a private room.');
    return this.admitted().filter((p) => p.space === space);
  }

  /** Brings everyone in the clinician's private space back to the group. */
  returnToGroup(clinicianId: string): Participant[] {
    const moved = this.privateSpaceOf(clinicianId);
    for (const p of moved) p.state = { kind: 'admitted', since: admittedSince(p), space: 'main' };
    return moved;
  }

  leave(participantId: string, reason: LeftReason, now: number): Participant {
    const p = this.require(participantId);
    const space = p.space;
    p.state = { kind: 'left', at: now, reason };
    p.connected = false;
    p.handRaisedAt = null;
    if (this.spotlightId === p.id) this.spotlightId = null;
    this.dissolve(space);
    return p;
  }

  /** Raises p's hand; false when it was already up (nothing changed). */
  raiseHand(participantId: string, now: number): boolean {
    const p = this.requireAdmitted(participantId);
    if (p.handRaisedAt !== null) return false;
    // Strictly increasing: every client orders hands by this time, so two raised in the
    // same millisecond still queue in the order they went up.
    p.handRaisedAt = Math.max(now, this.lastHandAt + 1);
    this.lastHandAt = p.handRaisedAt;
    return true;
  }

  /** Lowers p's hand; false when it was not up. */
  lowerHand(participantId: string): boolean {
    const p = this.requireAdmitted(participantId);
    if (p.handRaisedAt === null) return false;
    p.handRaisedAt = null;
    return true;
  }

  handQueue(): Participant[] {
    return this.admitted()
      .filter((p) => p.handRaisedAt !== null)
      .sort((a, b) => (a.handRaisedAt ?? 0) - (b.handRaisedAt ?? 0));
  }

  spotlight(participantId: string | null): void {
    if (participantId !== null) this.requireAdmitted(participantId);
    this.spotlightId = participantId;
  }

  requireWaiting(participantId: string): Waiting {
    const p = this.require(participantId);
    if (!isWaiting(p))
      throw new HavenError('INVALID_STATE', 'This person is not in the waiting room.');
    return p;
  }

  requireAdmitted(participantId: string): Participant {
    const p = this.require(participantId);
    if (!p.admitted) throw new HavenError('INVALID_STATE', 'This person is not in the session.');
    return p;
  }

  requireAdmittedPatient(participantId: string): Participant {
    const p = this.requireAdmitted(participantId);
    if (p.isStaff) throw new HavenError('INVALID_STATE', 'This control applies to patients only.');
    return p;
  }

  /**
   * A connection is lost. When it is the lead clinician's, a present co-facilitator
   * takes the lead; with none, the session goes on hold until `now + graceMs`.
   */
  disconnect(
    participantId: string,
    now: number,
    graceMs: number,
  ): 'handedOver' | 'onHold' | 'none' {
    const p = this.require(participantId);
    p.connected = false;
    if (p.id !== this.leadId || this.phase === 'ended') return 'none';
    const successor = this.admitted().find((o) => o.isStaff && o.connected && o.id !== p.id);
    if (successor) {
      this.leadId = successor.id;
      return 'handedOver';
    }
    this.phase = 'onHold';
    this.holdUntil = now + graceMs;
    return 'onHold';
  }

  /** True when no facilitator is connected and admitted. */
  noClinicianPresent(): boolean {
    return !this.admitted().some((p) => p.isStaff && p.connected);
  }

  /** Everyone still in the session, admitted or waiting, connected or not. */
  present(): Participant[] {
    return this.all().filter((p) => p.state.kind !== 'left');
  }

  end(now: number): Participant[] {
    this.phase = 'ended';
    this.holdUntil = null;
    const present = this.present();
    for (const p of present) p.state = { kind: 'left', at: now, reason: 'session_ended' };
    return present;
  }

  private onFacilitatorPresent(p: Participant): void {
    const lead = this.leadId === null ? undefined : this.participants.get(this.leadId);
    if (!lead || !lead.connected || !lead.admitted) this.leadId = p.id;
    if (this.phase === 'onHold') {
      this.phase = this.admitted().some((o) => !o.isStaff) ? 'live' : 'open';
      this.holdUntil = null;
    }
  }

  private add(subject: Subject, now: number): Participant {
    const p = new Participant(randomUUID(), subject, { kind: 'left', at: now, reason: 'left' });
    this.participants.set(p.id, p);
    this.bySubject.set(subject.subjectId, p.id);
    return p;
  }
}

const waitingSince = (p: Participant): number => (p.state.kind === 'waiting' ? p.state.since : 0);
const admittedSince = (p: Participant): number => (p.state.kind === 'admitted' ? p.state.since : 0);
