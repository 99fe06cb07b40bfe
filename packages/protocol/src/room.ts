import type { MediaKind, MediaSource, RtpCapabilities } from './media.js';
import type { Role } from './roles.js';
import type { CheckIn } from './checkin.js';

/** Where an admitted participant is: the group, or a private 1:1 with a clinician. */
export type Space = 'main' | `stepout:${string}`;

export interface ProducerInfo {
  producerId: string;
  participantId: string;
  kind: MediaKind;
  source: MediaSource;
  paused: boolean;
}

/** What other admitted participants may know about someone. Never a legal name, never check-in answers. */
export interface PublicParticipant {
  id: string;
  displayName: string;
  role: Role;
  space: Space;
  handRaisedAt: number | null;
  micLocked: boolean;
  /** The clinician stopped this person's camera and keeps it off. */
  cameraLocked: boolean;
  connected: boolean;
  producers: ProducerInfo[];
  /** Their browser's public key for end-to-end encryption; null until it says it (or outside such sessions). */
  e2eeKey: string | null;
}

/** A waiting-room entry as staff see it. Patients never receive these. */
export interface WaitingEntry {
  participantId: string;
  displayName: string;
  waitingSince: number;
  checkIn: CheckIn | null;
  returned: boolean;
  lateArrival: boolean;
  /** False while their connection is lost; they keep their place but cannot be admitted. */
  connected: boolean;
}

/**
 * Whom "Admit all" admits without the clinician looking first: someone connected who
 * checked in from a place they said is private. Anyone else waits to be admitted one by
 * one, so that a patient in a public place never joins a group on a single click.
 */
export const clearToAdmitAll = (entry: WaitingEntry): boolean =>
  entry.connected && entry.checkIn !== null && entry.checkIn.privatePlace;

export type SessionPhase = 'open' | 'live' | 'onHold' | 'ended';

/** The room as an admitted participant sees it. */
export interface RoomSnapshot {
  sessionId: string;
  title: string;
  /** The session's media is end-to-end encrypted: nobody may send or receive it in the clear. */
  e2ee: boolean;
  phase: SessionPhase;
  locked: boolean;
  leadId: string | null;
  spotlightId: string | null;
  holdUntil: number | null;
  /** Who is speaking, among the people this viewer sees and hears; null when nobody is. */
  activeSpeakerId: string | null;
  selfId: string;
  participants: PublicParticipant[];
}

export interface ChatMessage {
  id: string;
  fromId: string;
  fromName: string;
  text: string;
  at: number;
}

export type EndReason = 'ended_by_clinician' | 'clinician_timeout' | 'server_shutdown';
/** `replaced`: the same person joined from another window or device, which carries on. */
export type RemovalKind = 'removed' | 'denied' | 'replaced';
export type YourStatus =
  | {
      state: 'waiting';
      message: string | null;
      lateArrival: boolean;
      /**
       * A clinician or co-facilitator of this session is in it now (connected), so someone
       * can admit this person; `you:clinician` tells of each change while they wait. It
       * says nothing about anyone else who waits.
       */
      clinicianPresent: boolean;
    }
  | {
      state: 'admitted';
      space: Space;
      /**
       * In the `you:status` of entering the room (not of moves within it, nor in the
       * join's answer, which follows that event): what its router can send and receive,
       * so the device loads without asking for it (`media:capabilities`).
       */
      routerRtpCapabilities?: RtpCapabilities;
      /** In the same `you:status`: the session's media is end-to-end encrypted (see RoomSnapshot). */
      e2ee?: boolean;
    };
