import type { CheckIn, Role, Space, WaitingEntry } from '@haven/protocol';

export type LeftReason = 'left' | 'removed' | 'denied' | 'session_ended' | 'dropped';

/** A participant's place in the session: a union, each variant carrying only what it needs. */
export type ParticipantState =
  | { kind: 'waiting'; since: number; returned: boolean; message: string | null }
  | { kind: 'admitted'; since: number; space: Space }
  | { kind: 'left'; at: number; reason: LeftReason };

export interface Subject {
  subjectId: string;
  role: Role;
  displayName: string;
  /** Staff of this session's group: joins admitted and may moderate. */
  facilitator: boolean;
}

/** One person in one session, whatever how often they reconnect. */
export class Participant {
  state: ParticipantState;
  connected = true;
  handRaisedAt: number | null = null;
  micLocked = false;
  cameraLocked = false;
  checkIn: CheckIn | null = null;
  checkInId: string | null = null;
  lateArrival = false;
  /** The public key of the browser this person is in the room from (end-to-end sessions). */
  e2eeKey: string | null = null;
  /** Last media mode written to the ledger: video, or audio only. */
  mediaMode: 'video' | 'audio' | null = null;

  constructor(
    readonly id: string,
    readonly subject: Subject,
    state: ParticipantState,
  ) {
    this.state = state;
  }

  get role(): Role {
    return this.subject.role;
  }

  get displayName(): string {
    return this.subject.displayName;
  }

  get isStaff(): boolean {
    return this.subject.facilitator;
  }

  get admitted(): boolean {
    return this.state.kind === 'admitted';
  }

  get space(): Space | null {
    return this.state.kind === 'admitted' ? this.state.space : null;
  }

  waitingEntry(): WaitingEntry | null {
    if (this.state.kind !== 'waiting') return null;
    return {
      participantId: this.id,
      displayName: this.displayName,
      waitingSince: this.state.since,
      checkIn: this.checkIn,
      returned: this.state.returned,
      lateArrival: this.lateArrival,
      connected: this.connected,
    };
  }
}
