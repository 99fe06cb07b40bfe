import type { PublicParticipant } from '@haven/protocol';
import { describe, expect, it } from 'vitest';
import type { ParticipantView, RemoteTrack } from '../../call/types';
import { pickFeatured } from './speaker';
import { fakeParticipant } from '../../call/testing';

const person = (
  id: string,
  role: PublicParticipant['role'] = 'patient',
  tracks: ParticipantView['tracks'] = {},
): ParticipantView => ({ ...fakeParticipant(id, { displayName: id, role }), tracks });

const screen = { source: 'screen' } as RemoteTrack;

describe('the speaker view', () => {
  const pat = person('pat');
  const doc = person('doc', 'clinician');
  const co = person('co', 'clinician');

  it('features a shared screen above all', () => {
    const sharing = person('co', 'clinician', { screen });
    const room = { spotlightId: 'pat', leadId: 'doc', activeSpeakerId: 'pat' };
    expect(pickFeatured([pat, doc, sharing], room)).toEqual({
      participant: sharing,
      source: 'screen',
    });
  });

  it('then the spotlight, the lead, any clinician, anyone', () => {
    const all = [pat, co, doc];
    const room = (spotlightId: string | null, leadId: string, activeSpeakerId = null) => ({
      spotlightId,
      leadId,
      activeSpeakerId,
    });
    expect(pickFeatured(all, room('pat', 'doc'))?.participant).toBe(pat);
    expect(pickFeatured(all, room(null, 'doc'))?.participant).toBe(doc);
    expect(pickFeatured(all, room('gone', 'me'))?.participant).toBe(co);
    expect(pickFeatured([pat], null)?.participant).toBe(pat);
  });

  it('follows whoever speaks, below a spotlight, and never features oneself', () => {
    const all = [pat, co, doc];
    const room = (spotlightId: string | null, activeSpeakerId: string | null) => ({
      spotlightId,
      leadId: 'doc',
      activeSpeakerId,
    });
    expect(pickFeatured(all, room(null, 'pat'))?.participant).toBe(pat);
    expect(pickFeatured(all, room('co', 'pat'))?.participant).toBe(co);
    // The speaker is this person (not among the others): the lead keeps the stage.
    expect(pickFeatured(all, room(null, 'me'))?.participant).toBe(doc);
  });

  it('has nobody to feature when alone', () => {
    expect(pickFeatured([], null)).toBeNull();
  });
});
