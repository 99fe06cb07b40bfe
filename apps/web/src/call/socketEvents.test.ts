import { describe, expect, it } from 'vitest';
import type { HavenSocket } from './signaling';
import { wireSocket, type SocketHooks } from './socketEvents';
import { initialState, reduce } from './state';
import { FakeSocket, fakeSnapshot } from './testing';
import type { CallState } from './types';

const snapshot = fakeSnapshot([], { activeSpeakerId: 'c1' });

/** The socket's events as they reach the store. */
function wired(): { socket: FakeSocket; state: () => CallState } {
  const socket = new FakeSocket(() => ({}));
  let state = initialState();
  const ignore = () => undefined;
  const dispatch: SocketHooks['dispatch'] = (action) => (state = reduce(state, action));
  const hooks: SocketHooks = {
    dispatch,
    media: () => null,
    isClosed: () => false,
    onConnect: ignore,
    onDropped: ignore,
    onStatus: (status) => dispatch({ type: 'status', status }),
    onMediaReset: ignore,
    onNotice: ignore,
    onSnapshot: ignore,
    onE2ee: ignore,
    onFinal: ignore,
    onFatal: ignore,
    onRetrying: ignore,
    later: ignore,
    departureMs: 0,
  };
  wireSocket(socket as unknown as HavenSocket, hooks);
  return { socket, state: () => state };
}

describe('socket events', () => {
  it('keeps the active speaker from the snapshot and each change after it', () => {
    const { socket, state } = wired();
    socket.push('room:snapshot', snapshot);
    expect(state().room?.activeSpeakerId).toBe('c1');
    socket.push('room:activeSpeaker', { participantId: 'a' });
    expect(state().room?.activeSpeakerId).toBe('a');
    socket.push('room:activeSpeaker', { participantId: null });
    expect(state().room?.activeSpeakerId).toBeNull();
  });

  it('tells the waiting room when a clinician comes and goes', () => {
    const { socket, state } = wired();
    socket.push('you:status', {
      state: 'waiting',
      message: null,
      lateArrival: false,
      clinicianPresent: false,
    });
    socket.push('you:clinician', { present: true });
    expect(state().self).toEqual(expect.objectContaining({ clinicianPresent: true }));
    socket.push('you:clinician', { present: false });
    expect(state().self).toEqual(expect.objectContaining({ clinicianPresent: false }));
  });
});
