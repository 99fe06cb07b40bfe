import type { PublicParticipant } from '@haven/protocol';
import { describe, expect, it } from 'vitest';
import type { ParticipantView, RemoteTrack } from '../../call/types';
import { pickFeatured } from './speaker';

const person = (
  id: string,
  role: PublicParticipant['role'] = 'patient',
  tracks: ParticipantView['tracks'] = {},
): ParticipantView => ({
  id,
  displayName: id,
  role,
  space: 'main',
  handRaisedAt: null,
  micLocked: false,
  connected: true,
  producers: [],
  tracks,
});

const screen = { source: 'screen' } as RemoteTrack;

describe('the speaker view', () => {
  const pat = person('pat');
  const doc = person('doc', 'clinician');
  const co = person('co', 'clinician');

  it('features a shared screen above all', () => {
    const sharing = person('co', 'clinician', { screen });
    expect(pickFeatured([pat, doc, sharing], { spotlightId: 'pat', leadId: 'doc' })).toEqual({
      participant: sharing,
      source: 'screen',
    });
  });

  it('then the spotlight, the lead, any clinician, anyone', () => {
    const all = [pat, co, doc];
    expect(pickFeatured(all, { spotlightId: 'pat', leadId: 'doc' })?.participant).toBe(pat);
    expect(pickFeatured(all, { spotlightId: null, leadId: 'doc' })?.participant).toBe(doc);
    expect(pickFeatured(all, { spotlightId: 'gone', leadId: 'me' })?.participant).toBe(co);
    expect(pickFeatured([pat], null)?.participant).toBe(pat);
  });

  it('has nobody to feature when alone', () => {
    expect(pickFeatured([], null)).toBeNull();
  });
});
