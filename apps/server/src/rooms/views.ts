import type { PublicParticipant, RoomSnapshot } from '@haven/protocol';
import type { ProducerInfo } from '@haven/protocol';
import type { Participant } from './participant.js';
import type { Room } from './room.js';

/** Two admitted participants see and hear each other only when they share a space. */
export const canSee = (a: Participant, b: Participant): boolean =>
  a.admitted && b.admitted && a.space === b.space;

/** The view of `p` that `viewer` may have: no legal name, no check-in, media only if visible. */
export function publicView(
  p: Participant,
  viewer: Participant,
  producersOf: (participantId: string) => ProducerInfo[],
): PublicParticipant {
  return viewOf(p, p.id !== viewer.id && canSee(p, viewer), producersOf);
}

/**
 * The public view of `p`, with its media when the viewer may see it. Every viewer gets
 * one of these two, so a broadcast builds (and socket.io encodes) each at most once.
 */
export function viewOf(
  p: Participant,
  withMedia: boolean,
  producersOf: (participantId: string) => ProducerInfo[],
): PublicParticipant {
  return {
    id: p.id,
    displayName: p.displayName,
    role: p.role,
    space: p.space ?? 'main',
    handRaisedAt: p.handRaisedAt,
    micLocked: p.micLocked,
    cameraLocked: p.cameraLocked,
    connected: p.connected,
    producers: withMedia ? producersOf(p.id) : [],
    e2eeKey: p.e2eeKey,
  };
}

/** The speaker `viewer` may be told of: one they see and hear, else nobody. */
export function speakerFor(room: Room, viewer: Participant, speakerId: string | null) {
  const speaker = speakerId === null ? undefined : room.get(speakerId);
  return speaker && canSee(viewer, speaker) ? speaker.id : null;
}

export function snapshotFor(
  room: Room,
  viewer: Participant,
  producersOf: (participantId: string) => ProducerInfo[],
  speakerId: string | null,
): RoomSnapshot {
  return {
    sessionId: room.sessionId,
    title: room.info.title,
    e2ee: room.info.e2ee,
    phase: room.phase,
    locked: room.locked,
    leadId: room.leadId,
    spotlightId: room.spotlightId,
    holdUntil: room.holdUntil,
    activeSpeakerId: speakerFor(room, viewer, speakerId),
    selfId: viewer.id,
    participants: room.admitted().map((p) => publicView(p, viewer, producersOf)),
  };
}
