import type {
  ChatMessage,
  EndReason,
  MediaKind,
  MediaSource,
  Notice,
  PublicParticipant,
  RemovalKind,
  RoomPatch,
  RoomSnapshot,
  Space,
  WaitingEntry,
  YourStatus,
} from '@haven/protocol';
import type { ErrorInfo } from './errors';

/** The signaling link. `idle` until join() is called. */
export type Connection = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** Where this person stands in the session; one variant at a time. */
export type SelfStatus =
  | { state: 'idle' }
  | { state: 'joining' }
  | { state: 'waiting'; message: string | null; lateArrival: boolean; clinicianPresent: boolean }
  | { state: 'admitted'; space: Space }
  | { state: 'removed'; kind: RemovalKind; message: string | null }
  | { state: 'ended'; reason: EndReason }
  | { state: 'left' };

/** One received track of another participant, as mediasoup-client delivered it. */
export interface RemoteTrack {
  consumerId: string;
  producerId: string;
  participantId: string;
  kind: MediaKind;
  source: MediaSource;
  track: MediaStreamTrack;
  /** True while the sender has it paused (muted mic, camera off) or the server paused it. */
  paused: boolean;
}

/** Another participant with whatever tracks of theirs this browser receives. */
export interface ParticipantView extends PublicParticipant {
  tracks: Partial<Record<MediaSource, RemoteTrack>>;
}

/** Someone who just left; shown briefly as a fading tile. */
export interface Departure {
  participantId: string;
  displayName: string;
  at: number;
}

/** A source this person's own devices feed. */
export type DeviceSource = 'mic' | 'camera';
/** Everything this person can publish: their devices, and (staff only) their screen. */
export type LocalSource = DeviceSource | 'screen';

export interface LocalMediaState {
  mic: MediaStreamTrack | null;
  camera: MediaStreamTrack | null;
  /** The shared screen, while sharing (staff only). */
  screen: MediaStreamTrack | null;
  micEnabled: boolean;
  cameraEnabled: boolean;
  /**
   * The camera is on by choice, but the system has taken it for now (the page in the
   * background, another app): its producer is paused until the system gives it back.
   */
  cameraMuted: boolean;
  /**
   * The camera stays off by choice: its producer is closed (not just paused), and the
   * attendance counts these minutes as audio only.
   */
  audioOnly: boolean;
  /** A clinician muted the mic and locked it: only they can unlock it. */
  micLocked: boolean;
  /** A clinician turned the camera off and locked it. */
  cameraLocked: boolean;
}

/** What the clinician locked; the rest of LocalMediaState is this browser's own doing. */
export type LocalLocks = Pick<LocalMediaState, 'micLocked' | 'cameraLocked'>;

export interface NoticeEntry {
  id: number;
  notice: Notice;
  at: number;
}

export type RoomInfo = Omit<RoomSnapshot, 'participants' | 'selfId'>;

/** Everything the UI renders, replaced (never mutated) on every change. */
export interface CallState {
  connection: Connection;
  self: SelfStatus;
  selfId: string | null;
  room: RoomInfo | null;
  /** Everyone admitted as the server last described them, self included. */
  roster: readonly PublicParticipant[];
  remoteTracks: readonly RemoteTrack[];
  /** Others in the roster, each with their received tracks, in roster order. */
  participants: readonly ParticipantView[];
  departures: readonly Departure[];
  local: LocalMediaState;
  handRaised: boolean;
  chat: readonly ChatMessage[];
  waitingMessages: readonly { text: string; at: number }[];
  /** Staff only: who is in the waiting room. */
  waitingQueue: readonly WaitingEntry[];
  notices: readonly NoticeEntry[];
  lastError: ErrorInfo | null;
}

export type CallAction =
  | { type: 'connection'; connection: Connection }
  | { type: 'joining' }
  | { type: 'joined'; participantId: string }
  | { type: 'status'; status: YourStatus }
  | { type: 'snapshot'; snapshot: RoomSnapshot }
  | { type: 'patch'; patch: RoomPatch }
  | { type: 'participantUpserted'; participant: PublicParticipant }
  | { type: 'participantLeft'; participantId: string; at: number }
  | { type: 'departureExpired'; participantId: string }
  | { type: 'trackAdded'; track: RemoteTrack }
  | { type: 'trackRemoved'; consumerId: string }
  | { type: 'trackPaused'; consumerId: string; paused: boolean }
  | { type: 'mediaReset' }
  | { type: 'local'; local: Omit<LocalMediaState, keyof LocalLocks> }
  | { type: 'hand'; raised: boolean }
  | { type: 'notice'; notice: Notice; at: number }
  | { type: 'dismissNotice'; id: number }
  | { type: 'chat'; message: ChatMessage }
  | { type: 'waitingMessage'; text: string; at: number }
  | { type: 'clinician'; present: boolean }
  | { type: 'waitingQueue'; entries: WaitingEntry[] }
  | { type: 'removed'; kind: RemovalKind; message: string | null }
  | { type: 'ended'; reason: EndReason }
  | { type: 'left' }
  | { type: 'error'; error: ErrorInfo | null };
