import type { CheckIn } from '@haven/protocol';
import type { Principal } from '../auth/principal.js';
import type { SessionTarget } from '../rooms/policy.js';
import type { RoomInfo } from '../rooms/room.js';
import type { Ledger } from '../attendance/ledger.js';
import type { SessionStatusStore } from '../rooms/live-session.js';

/** What the signaling layer needs to know about a session before anyone enters it. */
export interface ResolvedSession {
  info: RoomInfo;
  /** The session's staff when it was looked up. */
  target: SessionTarget;
  /** The session's staff read anew: lists change while a session runs. */
  staff: () => Promise<SessionTarget>;
  /** Clinical sessions keep attendance; development rooms do not. */
  ledger: Ledger;
  status: SessionStatusStore;
}

export interface SessionDirectory {
  /** The session's facts, or NOT_FOUND / SESSION_ENDED. */
  resolve(sessionId: string): Promise<ResolvedSession>;
  /** Refuses a patient whose link was revoked or who was removed from this session. */
  admissionCheck(principal: Principal, sessionId: string): Promise<void>;
  /** Stores the check-in answers; returns the stored answers' id. */
  saveCheckIn(
    principal: Principal,
    sessionId: string,
    checkIn: CheckIn,
    at: number,
  ): Promise<string>;
  /** The latest check-in of this patient for this session, if any (a rejoin need not answer again). */
  latestCheckIn(
    principal: Principal,
    sessionId: string,
  ): Promise<{ id: string; checkIn: CheckIn } | null>;
  /** Records that a clinician removed a patient, so their link stops working for this session. */
  recordRemoval(
    sessionId: string,
    patientSubjectId: string,
    by: string,
    reason: string,
    at: number,
  ): Promise<void>;
}

/** Development principals use development rooms; everyone else the clinic's sessions. */
export type DirectoryFor = (principal: Principal) => SessionDirectory;
