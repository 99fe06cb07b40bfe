import type { ParticipantView, RoomInfo } from '../../call/types';

export interface Featured {
  participant: ParticipantView;
  source: 'camera' | 'screen';
}

/**
 * Who fills the large tile of the speaker view: a shared screen first, then whoever the
 * clinician spotlighted, then whoever is speaking (someone else: one's own face never
 * fills the stage), then the session's lead, then any clinician, then anyone.
 */
export function pickFeatured(
  participants: readonly ParticipantView[],
  room: Pick<RoomInfo, 'spotlightId' | 'leadId' | 'activeSpeakerId'> | null,
): Featured | null {
  const screen = participants.find((p) => p.tracks.screen);
  if (screen) return { participant: screen, source: 'screen' };
  const byId = (id: string | null | undefined) => participants.find((p) => p.id === id);
  const person =
    byId(room?.spotlightId) ??
    byId(room?.activeSpeakerId) ??
    byId(room?.leadId) ??
    participants.find((p) => p.role !== 'patient') ??
    participants[0];
  return person ? { participant: person, source: 'camera' } : null;
}
