import { z } from 'zod';
import { CheckIn } from './checkin.js';
import { typedText } from './text.js';
import {
  E2eeRequests,
  type E2eeAskedEvent,
  type E2eeKeyEvent,
  type E2eeResponses,
} from './e2ee.js';
import {
  DtlsParameters,
  MediaKind,
  MediaSource,
  RtpCapabilities,
  RtpParameters,
  SpatialLayer,
  TemporalLayer,
  TransportDirection,
  ids,
  type TransportOptions,
} from './media.js';
import type { Result } from './errors.js';
import type {
  ChatMessage,
  EndReason,
  ProducerInfo,
  PublicParticipant,
  RemovalKind,
  RoomSnapshot,
  WaitingEntry,
  YourStatus,
} from './room.js';

export { PROTOCOL_VERSION } from './version.js';

const Id = ids.Id;
const Empty = z.object({}).strict();
const Target = z.object({ participantId: Id }).strict();
const Text = typedText(1, 1000);

/**
 * Every request a client can make over the socket, with the schema its payload must
 * pass. The server parses each payload against this table before anything else.
 */
export const ClientRequests = {
  'room:join': z
    .object({ protocolVersion: z.number().int(), sessionId: Id, checkIn: CheckIn.optional() })
    .strict(),
  'room:leave': Empty,

  'media:capabilities': Empty,
  /**
   * The device is loaded. With `receive`, the server also opens the receive transport and
   * consumes what the participant may see, answering with both: one round trip where
   * `createTransport` and a `consume` per producer would take several. The consumers of
   * the `flowing` sources start resumed (the client shows them at once), the others
   * paused. With `dtlsParameters` (from a certificate the client made ahead), the
   * receive transport is connected too, and the client's transport skips its `connect`.
   */
  'media:ready': z
    .object({
      rtpCapabilities: RtpCapabilities,
      receive: z.boolean().optional(),
      flowing: z.array(MediaSource).max(3).optional(),
      dtlsParameters: DtlsParameters.optional(),
    })
    .strict(),
  /** With `dtlsParameters`, the new transport is connected at once (see `media:ready`). */
  'media:createTransport': z
    .object({ direction: TransportDirection, dtlsParameters: DtlsParameters.optional() })
    .strict(),
  'media:connectTransport': z.object({ transportId: Id, dtlsParameters: DtlsParameters }).strict(),
  'media:restartIce': z.object({ transportId: Id }).strict(),
  'media:produce': z
    .object({ transportId: Id, kind: MediaKind, source: MediaSource, rtpParameters: RtpParameters })
    .strict(),
  'media:closeProducer': z.object({ producerId: Id }).strict(),
  'media:pauseProducer': z.object({ producerId: Id }).strict(),
  'media:resumeProducer': z.object({ producerId: Id }).strict(),
  'media:consume': z.object({ producerId: Id }).strict(),
  'media:resumeConsumer': z.object({ consumerId: Id }).strict(),
  'media:pauseConsumer': z.object({ consumerId: Id }).strict(),
  'media:setPreferredLayers': z
    .object({ consumerId: Id, spatialLayer: SpatialLayer, temporalLayer: TemporalLayer.optional() })
    .strict(),

  'hand:raise': Empty,
  'hand:lower': Empty,
  'chat:send': z.object({ text: Text }).strict(),

  'mod:admit': Target,
  'mod:admitAll': Empty,
  'mod:deny': z.object({ participantId: Id, message: Text.optional() }).strict(),
  'mod:messageWaiting': z.object({ participantId: Id, text: Text }).strict(),
  'mod:mute': z
    .object({ participantId: Id, kind: MediaKind, lock: z.boolean().default(false) })
    .strict(),
  'mod:unlockMic': Target,
  'mod:lowerHand': Target,
  'mod:remove': z.object({ participantId: Id, reason: Text }).strict(),
  'mod:sendToWaiting': Target,
  'mod:stepOut': Target,
  'mod:return': Empty,
  'mod:lock': z.object({ locked: z.boolean() }).strict(),
  'mod:spotlight': z.object({ participantId: Id.nullable() }).strict(),
  'mod:end': Empty,
  /** A patient's check-in answers (where they are, today's emergency contact): staff only. */
  'mod:checkIn': Target,

  ...E2eeRequests,
} as const satisfies Record<string, z.ZodType>;

export type ClientRequestName = keyof typeof ClientRequests;
export type ClientRequest<K extends ClientRequestName> = z.input<(typeof ClientRequests)[K]>;
export type ParsedRequest<K extends ClientRequestName> = z.output<(typeof ClientRequests)[K]>;

export interface ConsumerOptions {
  consumerId: string;
  producerId: string;
  participantId: string;
  kind: MediaKind;
  source: MediaSource;
  rtpParameters: RtpParameters;
  /** Paused by this viewer: every consumer starts so, except those asked to flow at once. */
  paused: boolean;
  producerPaused: boolean;
}

export type JoinResult = YourStatus & { participantId: string };

/** What each request answers with, inside `{ ok: true, data }`. */
export interface ClientResponses extends E2eeResponses {
  'room:join': JoinResult;
  'room:leave': Record<string, never>;
  'media:capabilities': { routerRtpCapabilities: RtpCapabilities };
  'media:ready': {
    producers: ProducerInfo[];
    /** With `receive`: the receive transport, and a consumer per producer it could consume. */
    recvTransport?: TransportOptions;
    consumers?: ConsumerOptions[];
  };
  'media:createTransport': TransportOptions;
  'media:connectTransport': Record<string, never>;
  'media:restartIce': { iceParameters: TransportOptions['iceParameters'] };
  'media:produce': { producerId: string };
  'media:closeProducer': Record<string, never>;
  'media:pauseProducer': Record<string, never>;
  'media:resumeProducer': Record<string, never>;
  'media:consume': ConsumerOptions;
  'media:resumeConsumer': Record<string, never>;
  'media:pauseConsumer': Record<string, never>;
  'media:setPreferredLayers': Record<string, never>;
  /** The requester's own new state: the room's other members get it as participant:updated. */
  'hand:raise': { participant: PublicParticipant };
  'hand:lower': { participant: PublicParticipant };
  'chat:send': { messageId: string };
  'mod:admit': Record<string, never>;
  /** `held`: those left waiting, to be admitted one by one (see clearToAdmitAll). */
  'mod:admitAll': { admitted: number; held: number };
  'mod:deny': Record<string, never>;
  'mod:messageWaiting': Record<string, never>;
  'mod:mute': Record<string, never>;
  'mod:unlockMic': Record<string, never>;
  'mod:lowerHand': Record<string, never>;
  'mod:remove': Record<string, never>;
  'mod:sendToWaiting': Record<string, never>;
  'mod:stepOut': Record<string, never>;
  'mod:return': Record<string, never>;
  'mod:lock': Record<string, never>;
  'mod:spotlight': Record<string, never>;
  'mod:end': Record<string, never>;
  /** Null when the person gave no answers in this stay (a session without a waiting room). */
  'mod:checkIn': { checkIn: CheckIn | null };
}

export type Ack<K extends ClientRequestName> = (result: Result<ClientResponses[K]>) => void;

export type ClientToServerEvents = {
  [K in ClientRequestName]: (payload: ClientRequest<K>, ack: Ack<K>) => void;
};

/** Notices shown to the person a clinician acted on. */
export type Notice =
  | { kind: 'muted'; locked: boolean }
  | { kind: 'micUnlocked' }
  | { kind: 'cameraStopped'; locked: boolean }
  | { kind: 'handLowered' }
  | { kind: 'steppedOut'; withName: string }
  | { kind: 'returnedToGroup' }
  | { kind: 'sentToWaiting' }
  | { kind: 'leadChanged'; leadName: string }
  | { kind: 'sessionOnHold'; until: number }
  | { kind: 'sessionResumed' };

export type RoomPatch = Partial<
  Pick<
    RoomSnapshot,
    'phase' | 'locked' | 'leadId' | 'spotlightId' | 'holdUntil' | 'activeSpeakerId'
  >
>;

/** Everything the server pushes. A waiting patient only ever receives the `you:*` and `waiting:message` events. */
export interface ServerToClientEvents {
  'you:status': (status: YourStatus) => void;
  'you:notice': (notice: Notice) => void;
  'you:removed': (event: { kind: RemovalKind; message: string | null }) => void;
  /**
   * To those waiting: the first clinician of the session came in, or the last one left or
   * lost their connection (see `clinicianPresent` in YourStatus, which a join answers with).
   */
  'you:clinician': (event: { present: boolean }) => void;
  'waiting:message': (event: { text: string; at: number }) => void;
  'waiting:queue': (entries: WaitingEntry[]) => void;
  'room:snapshot': (snapshot: RoomSnapshot) => void;
  'room:patch': (patch: RoomPatch) => void;
  'participant:joined': (participant: PublicParticipant) => void;
  'participant:updated': (participant: PublicParticipant) => void;
  'participant:left': (event: { participantId: string }) => void;
  /**
   * The dominant speaker changed: sent to those who see and hear them (a step-out pair
   * and the group never learn who speaks on the other side); null when nobody speaks.
   */
  'room:activeSpeaker': (event: { participantId: string | null }) => void;
  'media:newProducer': (producer: ProducerInfo) => void;
  'media:producerClosed': (event: { producerId: string }) => void;
  'media:consumerClosed': (event: { consumerId: string }) => void;
  'media:consumerPaused': (event: { consumerId: string }) => void;
  'media:consumerResumed': (event: { consumerId: string }) => void;
  /**
   * To a camera's owner: nobody receives its simulcast encodings above `spatialLayer`
   * (0 = the smallest), so they need not be encoded. Raised at once when a viewer wants
   * more; lowered only after a short wait. Until the first one, send every layer.
   */
  'media:layersWanted': (event: { producerId: string; spatialLayer: number }) => void;
  /** The server lost this participant's media (its media worker died): close transports and set them up again. */
  'media:reset': (event: { reason: 'worker_died' }) => void;
  'chat:message': (message: ChatMessage) => void;
  /** Someone who sees this person gave them their sender key (end-to-end sessions only). */
  'e2ee:key': (event: E2eeKeyEvent) => void;
  /** Someone who sees this person cannot open their frames (end-to-end sessions only). */
  'e2ee:asked': (event: E2eeAskedEvent) => void;
  'session:ended': (event: { reason: EndReason }) => void;
}

/** The socket.io handshake: the only place identity enters, as a signed token. */
export const HandshakeAuth = z.object({ token: z.string().min(10).max(4096) });
