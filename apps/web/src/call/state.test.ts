import type { PublicParticipant, Space } from '@haven/protocol';
import { describe, expect, it } from 'vitest';
import { initialState, reduce } from './state';
import { fakeParticipant, fakeSnapshot } from './testing';
import type { CallAction, CallState, RemoteTrack } from './types';

const person = fakeParticipant;

const snapshot = (participants: PublicParticipant[]) => fakeSnapshot(participants);

const track = (
  id: string,
  participantId: string,
  extra: Partial<RemoteTrack> = {},
): RemoteTrack => ({
  consumerId: `c-${id}`,
  producerId: `p-${id}`,
  participantId,
  kind: 'video',
  source: 'camera',
  track: { id } as unknown as MediaStreamTrack,
  paused: false,
  ...extra,
});

const run = (...actions: CallAction[]): CallState => actions.reduce(reduce, initialState());

/** The status that puts this person in the waiting room. */
const waiting = (message: string | null, clinicianPresent = false): CallAction => ({
  type: 'status',
  status: { state: 'waiting', message, lateArrival: false, clinicianPresent },
});

const admitted: CallAction[] = [
  { type: 'joined', participantId: 'me' },
  { type: 'status', status: { state: 'admitted', space: 'main' } },
  {
    type: 'snapshot',
    snapshot: snapshot([person('me'), person('a'), person('c1', { role: 'clinician' })]),
  },
];

describe('call state', () => {
  it('starts idle with nothing shown', () => {
    const state = initialState();
    expect(state.connection).toBe('idle');
    expect(state.self).toEqual({ state: 'idle' });
    expect(state.participants).toEqual([]);
  });

  it('lists everyone but self once admitted, with room details', () => {
    const state = run(...admitted);
    expect(state.participants.map((p) => p.id)).toEqual(['a', 'c1']);
    expect(state.room).toMatchObject({ title: 'Tuesday evening group', leadId: 'c1' });
    expect(state.selfId).toBe('me');
  });

  it('attaches received tracks to their participant by source', () => {
    const state = run(
      ...admitted,
      { type: 'trackAdded', track: track('1', 'a') },
      {
        type: 'trackAdded',
        track: track('2', 'a', { kind: 'audio', source: 'mic', paused: true }),
      },
    );
    const a = state.participants.find((p) => p.id === 'a');
    expect(a?.tracks.camera?.consumerId).toBe('c-1');
    expect(a?.tracks.mic?.paused).toBe(true);
    expect(state.remoteTracks).toHaveLength(2);
  });

  it('keeps tracks that arrive before their participant and shows them later', () => {
    const early = run(...admitted, { type: 'trackAdded', track: track('9', 'late') });
    expect(early.participants.some((p) => p.id === 'late')).toBe(false);
    const later = reduce(early, { type: 'participantUpserted', participant: person('late') });
    expect(later.participants.find((p) => p.id === 'late')?.tracks.camera?.consumerId).toBe('c-9');
  });

  it('pauses, resumes and removes a track by consumer id', () => {
    let state = run(...admitted, { type: 'trackAdded', track: track('1', 'a') });
    state = reduce(state, { type: 'trackPaused', consumerId: 'c-1', paused: true });
    expect(state.participants[0]?.tracks.camera?.paused).toBe(true);
    state = reduce(state, { type: 'trackRemoved', consumerId: 'c-1' });
    expect(state.participants[0]?.tracks.camera).toBeUndefined();
  });

  it('turns a departure into a brief "left" entry and drops their tracks', () => {
    let state = run(...admitted, { type: 'trackAdded', track: track('1', 'a') });
    state = reduce(state, { type: 'participantLeft', participantId: 'a', at: 5 });
    expect(state.participants.map((p) => p.id)).toEqual(['c1']);
    expect(state.remoteTracks).toEqual([]);
    expect(state.departures).toEqual([{ participantId: 'a', displayName: 'Person a', at: 5 }]);
    state = reduce(state, { type: 'departureExpired', participantId: 'a' });
    expect(state.departures).toEqual([]);
  });

  it('shows only people in the same space during a step-out', () => {
    const state = run(
      { type: 'joined', participantId: 'me' },
      { type: 'status', status: { state: 'admitted', space: 'stepout:x' } },
      {
        type: 'snapshot',
        snapshot: snapshot([
          person('me', { space: 'stepout:x' }),
          person('c1', { role: 'clinician', space: 'stepout:x' }),
          person('a'),
        ]),
      },
    );
    expect(state.participants.map((p) => p.id)).toEqual(['c1']);
  });

  it('forgets the group when sent back to the waiting room', () => {
    const state = run(
      ...admitted,
      { type: 'trackAdded', track: track('1', 'a') },
      { type: 'chat', message: { id: 'm1', fromId: 'a', fromName: 'A', text: 'hi', at: 1 } },
      waiting(null, true),
    );
    expect(state.self).toEqual({
      state: 'waiting',
      message: null,
      lateArrival: false,
      clinicianPresent: true,
    });
    expect(state.participants).toEqual([]);
    expect(state.remoteTracks).toEqual([]);
    expect(state.chat).toEqual([]);
    expect(state.room).toBeNull();
  });

  it('holds each clinician message once when a reconnection repeats the latest', () => {
    const state = run(
      { type: 'joined', participantId: 'me' },
      waiting(null),
      { type: 'waitingMessage', text: 'We start in five minutes.', at: 10 },
      { type: 'waitingMessage', text: 'Almost ready.', at: 20 },
      // The connection comes back: the join's answer and the status event both repeat it.
      waiting('Almost ready.'),
      waiting('Almost ready.'),
      { type: 'waitingMessage', text: 'Almost ready.', at: 20 },
    );
    expect(state.waitingMessages).toEqual([
      { text: 'We start in five minutes.', at: 10 },
      { text: 'Almost ready.', at: 20 },
    ]);
  });

  it('keeps a clinician message the status brings, and the same words sent again later', () => {
    const state = run(
      waiting('Almost ready.'),
      { type: 'waitingMessage', text: 'Thanks for waiting.', at: 10 },
      { type: 'waitingMessage', text: 'Thanks for waiting.', at: 30 },
    );
    expect(state.waitingMessages).toEqual([
      { text: 'Almost ready.', at: 0 },
      { text: 'Thanks for waiting.', at: 10 },
      { text: 'Thanks for waiting.', at: 30 },
    ]);
  });

  it('holds a message once when the status that repeats it comes before the message itself', () => {
    const state = run({ type: 'joined', participantId: 'me' }, waiting('Almost ready.'), {
      type: 'waitingMessage',
      text: 'Almost ready.',
      at: 20,
    });
    expect(state.waitingMessages).toEqual([{ text: 'Almost ready.', at: 20 }]);
  });

  it('follows a clinician coming and going while waiting, each message still held once', () => {
    const ready = (clinicianPresent: boolean) => waiting('Almost ready.', clinicianPresent);
    const present = (state: CallState) =>
      state.self.state === 'waiting' ? state.self.clinicianPresent : null;
    const early = run({ type: 'joined', participantId: 'me' }, ready(false));
    const came = reduce(early, { type: 'clinician', present: true });
    expect(present(came)).toBe(true);
    expect(came.waitingMessages).toBe(early.waitingMessages);
    const gone = reduce(came, { type: 'clinician', present: false });
    expect(present(gone)).toBe(false);
    // A reconnection's status brings it anew, without the message twice.
    const back = reduce(gone, ready(true));
    expect(present(back)).toBe(true);
    expect(back.waitingMessages).toEqual([{ text: 'Almost ready.', at: 0 }]);
    // Once in the room, it is no news.
    const inRoom = run(...admitted);
    expect(reduce(inRoom, { type: 'clinician', present: false })).toBe(inRoom);
  });

  it('applies room patches', () => {
    const state = run(...admitted, { type: 'patch', patch: { locked: true, spotlightId: 'a' } });
    expect(state.room).toMatchObject({ locked: true, spotlightId: 'a', phase: 'live' });
  });

  it('follows the active speaker, who stops being it on leaving', () => {
    const speaking = run(...admitted, { type: 'patch', patch: { activeSpeakerId: 'a' } });
    expect(speaking.room?.activeSpeakerId).toBe('a');
    const quiet = reduce(speaking, { type: 'patch', patch: { activeSpeakerId: null } });
    expect(quiet.room?.activeSpeakerId).toBeNull();
    const left = reduce(speaking, { type: 'participantLeft', participantId: 'a', at: 5 });
    expect(left.room?.activeSpeakerId).toBeNull();
    const other = reduce(speaking, { type: 'participantLeft', participantId: 'c1', at: 5 });
    expect(other.room?.activeSpeakerId).toBe('a');
  });

  it('reads hand and mic lock from the server record of self', () => {
    const state = run(...admitted, {
      type: 'participantUpserted',
      participant: person('me', { handRaisedAt: 10, micLocked: true }),
    });
    expect(state.handRaised).toBe(true);
    expect(state.local.micLocked).toBe(true);
  });

  it('locks and unlocks the mic from notices, and keeps the lock across local updates', () => {
    let state = run(...admitted, {
      type: 'notice',
      notice: { kind: 'muted', locked: true },
      at: 1,
    });
    expect(state.local.micLocked).toBe(true);
    expect(state.notices.map((n) => n.notice.kind)).toEqual(['muted']);
    state = reduce(state, {
      type: 'local',
      local: {
        mic: null,
        camera: null,
        screen: null,
        micEnabled: false,
        cameraEnabled: false,
        cameraMuted: false,
        audioOnly: false,
      },
    });
    expect(state.local.micLocked).toBe(true);
    state = reduce(state, { type: 'notice', notice: { kind: 'micUnlocked' }, at: 2 });
    expect(state.local.micLocked).toBe(false);
    state = reduce(state, { type: 'dismissNotice', id: state.notices[0]?.id ?? -1 });
    expect(state.notices.map((n) => n.notice.kind)).toEqual(['micUnlocked']);
  });

  it('locks the camera when a clinician stops it with a lock; unlocking lifts both locks', () => {
    let state = run(
      ...admitted,
      { type: 'notice', notice: { kind: 'muted', locked: true }, at: 1 },
      { type: 'notice', notice: { kind: 'cameraStopped', locked: true }, at: 2 },
    );
    expect(state.local).toMatchObject({ micLocked: true, cameraLocked: true });
    state = reduce(state, { type: 'notice', notice: { kind: 'micUnlocked' }, at: 3 });
    expect(state.local).toMatchObject({ micLocked: false, cameraLocked: false });
    state = reduce(state, {
      type: 'notice',
      notice: { kind: 'cameraStopped', locked: false },
      at: 4,
    });
    expect(state.local.cameraLocked).toBe(false);
  });

  it('lowers the hand on a handLowered notice', () => {
    const state = run(
      ...admitted,
      { type: 'hand', raised: true },
      { type: 'notice', notice: { kind: 'handLowered' }, at: 1 },
    );
    expect(state.handRaised).toBe(false);
  });

  it('does not duplicate a chat message echoed by the server', () => {
    const message = { id: 'm1', fromId: 'me', fromName: 'Me', text: 'hello', at: 1 };
    const state = run(...admitted, { type: 'chat', message }, { type: 'chat', message });
    expect(state.chat).toHaveLength(1);
  });

  it('keeps one chat per space: a step-out starts empty, and so does the return', () => {
    const line = (id: string, text: string): CallAction => ({
      type: 'chat',
      message: { id, fromId: 'a', fromName: 'A', text, at: 1 },
    });
    const moveTo = (space: Space): CallAction => ({
      type: 'status',
      status: { state: 'admitted', space },
    });
    const group = run(...admitted, line('g1', 'to everyone'));
    const reconnected = reduce(group, moveTo('main'));
    expect(reconnected.chat.map((m) => m.id)).toEqual(['g1']);
    const private1 = reduce(group, moveTo('stepout:me'));
    expect(private1.chat).toEqual([]);
    const said = reduce(private1, line('p1', 'just between us'));
    expect(said.chat.map((m) => m.id)).toEqual(['p1']);
    const back = reduce(said, moveTo('main'));
    expect(back.chat).toEqual([]);
  });

  it('stays final once removed or ended', () => {
    const removed = run(...admitted, { type: 'removed', kind: 'removed', message: 'bye' });
    expect(removed.self).toEqual({ state: 'removed', kind: 'removed', message: 'bye' });
    expect(removed.participants).toEqual([]);
    expect(reduce(removed, { type: 'status', status: { state: 'admitted', space: 'main' } })).toBe(
      removed,
    );
    expect(reduce(removed, { type: 'left' })).toBe(removed);
    const ended = run(...admitted, { type: 'ended', reason: 'ended_by_clinician' });
    expect(ended.self).toEqual({ state: 'ended', reason: 'ended_by_clinician' });
  });

  it('keeps the same participants array when nothing it depends on changed', () => {
    const state = run(...admitted);
    const next = reduce(state, { type: 'connection', connection: 'reconnecting' });
    expect(next.participants).toBe(state.participants);
  });
});
