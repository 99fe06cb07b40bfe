import type { PublicParticipant, Space } from '@haven/protocol';
import type { CallAction, CallState, ParticipantView, RemoteTrack, SelfStatus } from './types';

const MAX_CHAT = 200;
const MAX_NOTICES = 5;

export function initialState(): CallState {
  return {
    connection: 'idle',
    self: { state: 'idle' },
    selfId: null,
    room: null,
    roster: [],
    remoteTracks: [],
    participants: [],
    departures: [],
    local: {
      mic: null,
      camera: null,
      screen: null,
      micEnabled: false,
      cameraEnabled: false,
      cameraMuted: false,
      audioOnly: false,
      micLocked: false,
      cameraLocked: false,
    },
    handRaised: false,
    chat: [],
    waitingMessages: [],
    waitingQueue: [],
    notices: [],
    lastError: null,
  };
}

/** The space whose members this person sees: the group, or a private step-out. */
const spaceOf = (state: CallState): Space | null =>
  state.self.state === 'admitted' ? state.self.space : null;

const isFinal = (self: SelfStatus): boolean =>
  self.state === 'removed' || self.state === 'ended' || self.state === 'left';

/** What a person no longer in the group must stop seeing: other people, their media, the chat. */
const withoutGroup = (state: CallState): CallState => ({
  ...state,
  room: null,
  roster: [],
  remoteTracks: [],
  departures: [],
  chat: [],
  handRaised: false,
});

/** Reads hand and media locks from the server's record of self, if present. */
function withSelfRecord(state: CallState, roster: readonly PublicParticipant[]): CallState {
  const me = roster.find((p) => p.id === state.selfId);
  if (!me) return state;
  return {
    ...state,
    handRaised: me.handRaisedAt !== null,
    local: { ...state.local, micLocked: me.micLocked, cameraLocked: me.cameraLocked },
  };
}

/**
 * Adds a message from the clinician unless it is the one held last: after a reconnection
 * the server repeats its latest message in the status, and a replayed event repeats it too.
 * The status carries no time, so its message matches on the text alone.
 */
function withWaitingMessage(
  held: CallState['waitingMessages'],
  text: string | null,
  at: number | null,
): CallState['waitingMessages'] {
  if (text === null) return held;
  const last = held[held.length - 1];
  if (last && last.text === text) {
    // The same message again: from a status (no time), or as an event after a status
    // that already brought it (which gives it its time).
    if (at === null || last.at === at) return held;
    if (last.at === 0) return [...held.slice(0, -1), { text, at }];
  }
  return [...held, { text, at: at ?? 0 }];
}

function upsert(roster: readonly PublicParticipant[], p: PublicParticipant): PublicParticipant[] {
  const i = roster.findIndex((q) => q.id === p.id);
  if (i < 0) return [...roster, p];
  return roster.map((q, j) => (j === i ? p : q));
}

function addTrack(tracks: readonly RemoteTrack[], t: RemoteTrack): RemoteTrack[] {
  const rest = tracks.filter((x) => x.consumerId !== t.consumerId && x.producerId !== t.producerId);
  return [...rest, t];
}

function apply(state: CallState, action: CallAction): CallState {
  switch (action.type) {
    case 'connection':
      return { ...state, connection: action.connection };
    case 'joining':
      return isFinal(state.self) ? state : { ...state, self: { state: 'joining' } };
    case 'joined':
      return { ...state, selfId: action.participantId };
    case 'status': {
      if (isFinal(state.self)) return state;
      const { status } = action;
      if (status.state === 'waiting') {
        const self: SelfStatus = {
          state: 'waiting',
          message: status.message,
          lateArrival: status.lateArrival,
          clinicianPresent: status.clinicianPresent,
        };
        const waitingMessages = withWaitingMessage(state.waitingMessages, status.message, null);
        return { ...withoutGroup(state), self, waitingMessages };
      }
      // A chat belongs to one space: entering another (a step-out, or back to the group)
      // starts an empty log, so no line said in one is shown in the other.
      const sameSpace = spaceOf(state) === status.space;
      return {
        ...state,
        self: { state: 'admitted', space: status.space },
        waitingMessages: [],
        chat: sameSpace ? state.chat : [],
      };
    }
    case 'snapshot': {
      const { participants, selfId, ...room } = action.snapshot;
      return withSelfRecord({ ...state, room, selfId, roster: participants }, participants);
    }
    case 'patch':
      return state.room ? { ...state, room: { ...state.room, ...action.patch } } : state;
    case 'participantUpserted': {
      const roster = upsert(state.roster, action.participant);
      return withSelfRecord({ ...state, roster }, roster);
    }
    case 'participantLeft': {
      const gone = state.roster.find((p) => p.id === action.participantId);
      const departures =
        gone && gone.id !== state.selfId
          ? [
              ...state.departures.filter((d) => d.participantId !== gone.id),
              { participantId: gone.id, displayName: gone.displayName, at: action.at },
            ]
          : state.departures;
      // Someone who left is not speaking any more.
      const room =
        state.room?.activeSpeakerId === action.participantId
          ? { ...state.room, activeSpeakerId: null }
          : state.room;
      return {
        ...state,
        room,
        roster: state.roster.filter((p) => p.id !== action.participantId),
        remoteTracks: state.remoteTracks.filter((t) => t.participantId !== action.participantId),
        departures,
      };
    }
    case 'departureExpired':
      return {
        ...state,
        departures: state.departures.filter((d) => d.participantId !== action.participantId),
      };
    case 'trackAdded':
      return { ...state, remoteTracks: addTrack(state.remoteTracks, action.track) };
    case 'trackRemoved':
      return {
        ...state,
        remoteTracks: state.remoteTracks.filter((t) => t.consumerId !== action.consumerId),
      };
    case 'trackPaused':
      return {
        ...state,
        remoteTracks: state.remoteTracks.map((t) =>
          t.consumerId === action.consumerId ? { ...t, paused: action.paused } : t,
        ),
      };
    case 'mediaReset':
      return { ...state, remoteTracks: [] };
    case 'local':
      return {
        ...state,
        local: {
          ...action.local,
          micLocked: state.local.micLocked,
          cameraLocked: state.local.cameraLocked,
        },
      };
    case 'hand':
      return { ...state, handRaised: action.raised };
    case 'notice':
      return applyNotice(state, action);
    case 'dismissNotice':
      return { ...state, notices: state.notices.filter((n) => n.id !== action.id) };
    case 'chat':
      if (state.chat.some((m) => m.id === action.message.id)) return state;
      return { ...state, chat: [...state.chat, action.message].slice(-MAX_CHAT) };
    case 'waitingMessage': {
      const waitingMessages = withWaitingMessage(state.waitingMessages, action.text, action.at);
      return waitingMessages === state.waitingMessages ? state : { ...state, waitingMessages };
    }
    case 'clinician':
      // Only news while waiting: it changes nothing else, the clinician's messages included.
      return state.self.state === 'waiting'
        ? { ...state, self: { ...state.self, clinicianPresent: action.present } }
        : state;
    case 'waitingQueue':
      return { ...state, waitingQueue: action.entries };
    case 'removed':
      return {
        ...withoutGroup(state),
        self: { state: 'removed', kind: action.kind, message: action.message },
      };
    case 'ended':
      return { ...withoutGroup(state), self: { state: 'ended', reason: action.reason } };
    case 'left':
      return isFinal(state.self) ? state : { ...withoutGroup(state), self: { state: 'left' } };
    case 'error':
      // A call that failed shows nobody: the group and the chat go with it (the page may
      // stay open on a shared computer), and the failure is what is left to see.
      if (action.error?.fatal && !isFinal(state.self))
        return { ...withoutGroup(state), self: { state: 'idle' }, lastError: action.error };
      return { ...state, lastError: action.error };
  }
}

function applyNotice(state: CallState, action: Extract<CallAction, { type: 'notice' }>): CallState {
  const last = state.notices[state.notices.length - 1];
  const entry = { id: (last?.id ?? 0) + 1, notice: action.notice, at: action.at };
  const next = { ...state, notices: [...state.notices, entry].slice(-MAX_NOTICES) };
  switch (action.notice.kind) {
    case 'muted':
      return { ...next, local: { ...next.local, micLocked: action.notice.locked } };
    case 'cameraStopped':
      return { ...next, local: { ...next.local, cameraLocked: action.notice.locked } };
    case 'micUnlocked':
      // The server lifts both locks at once.
      return { ...next, local: { ...next.local, micLocked: false, cameraLocked: false } };
    case 'handLowered':
      return { ...next, handRaised: false };
    default:
      return next;
  }
}

function deriveParticipants(state: CallState): ParticipantView[] {
  const space = spaceOf(state);
  if (space === null) return [];
  return state.roster
    .filter((p) => p.id !== state.selfId && p.space === space)
    .map((p) => {
      const tracks: ParticipantView['tracks'] = {};
      for (const t of state.remoteTracks) if (t.participantId === p.id) tracks[t.source] = t;
      return { ...p, tracks };
    });
}

/** The pure state transition behind CallClient; `participants` is recomputed when its inputs change. */
export function reduce(state: CallState, action: CallAction): CallState {
  const next = apply(state, action);
  if (next === state) return state;
  const inputsChanged =
    next.roster !== state.roster ||
    next.remoteTracks !== state.remoteTracks ||
    next.self !== state.self ||
    next.selfId !== state.selfId;
  return inputsChanged ? { ...next, participants: deriveParticipants(next) } : next;
}
