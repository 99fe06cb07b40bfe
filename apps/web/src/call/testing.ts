import type {
  ClientRequestName,
  ConsumerOptions,
  ProducerInfo,
  PublicParticipant,
  RoomSnapshot,
} from '@haven/protocol';
import { Device, FakeHandler, testFakeParameters, type types } from 'mediasoup-client';
import type { Requester } from './signaling';

/** A stand-in for a browser MediaStreamTrack: enough for mediasoup-client and LocalMedia. */
export class FakeTrack extends EventTarget {
  enabled = true;
  /** Set by the system while it takes the device away; `mute` and `unmute` tell. */
  muted = false;
  readyState: 'live' | 'ended' = 'live';
  readonly id: string;
  constructor(readonly kind: 'audio' | 'video') {
    super();
    this.id = `${kind}-${Math.random().toString(36).slice(2)}`;
  }
  stop(): void {
    this.readyState = 'ended';
  }
}

export const asTrack = (track: FakeTrack): MediaStreamTrack => track as unknown as MediaStreamTrack;

const fakeStream = (tracks: FakeTrack[]): MediaStream =>
  ({
    getTracks: () => tracks.map(asTrack),
    getVideoTracks: () => tracks.filter((t) => t.kind === 'video').map(asTrack),
  }) as unknown as MediaStream;

/** navigator.mediaDevices handing out fake tracks; every request is kept in `requests`. */
/** Someone in the room as the server lists them: an admitted patient, unless told otherwise. */
export const fakeParticipant = (
  id: string,
  extra: Partial<PublicParticipant> = {},
): PublicParticipant => ({
  id,
  displayName: `Person ${id}`,
  role: 'patient',
  space: 'main',
  handRaisedAt: null,
  micLocked: false,
  cameraLocked: false,
  connected: true,
  producers: [],
  e2eeKey: null,
  ...extra,
});

/** The room as the server sends it on entering, seen by 'me'. */
export const fakeSnapshot = (
  participants: PublicParticipant[],
  extra: Partial<RoomSnapshot> = {},
): RoomSnapshot => ({
  sessionId: 's1',
  title: 'Tuesday evening group',
  e2ee: false,
  phase: 'live',
  locked: false,
  leadId: 'c1',
  spotlightId: null,
  holdUntil: null,
  activeSpeakerId: null,
  selfId: 'me',
  participants,
  ...extra,
});

export function fakeMediaDevices() {
  const requests: MediaStreamConstraints[] = [];
  return {
    requests,
    getUserMedia: async (constraints: MediaStreamConstraints): Promise<MediaStream> => {
      requests.push(constraints);
      return fakeStream([
        ...(constraints.audio ? [new FakeTrack('audio')] : []),
        ...(constraints.video ? [new FakeTrack('video')] : []),
      ]);
    },
    getDisplayMedia: async (): Promise<MediaStream> => fakeStream([new FakeTrack('video')]),
  };
}

export const fakeDevices = fakeMediaDevices();

/** Devices on mediasoup-client's fake handler; every producer they make is kept, in order. */
export function fakeDeviceFactory() {
  const producers: types.Producer[] = [];
  const createDevice = async (): Promise<Device> => {
    const device = await Device.factory({
      handlerFactory: FakeHandler.createFactory(testFakeParameters),
    });
    device.observer.on('newtransport', (transport) =>
      transport.observer.on('newproducer', (producer) => void producers.push(producer)),
    );
    return device;
  };
  /** The camera producer made last. */
  const camera = () => producers.filter((p) => p.appData['source'] === 'camera').at(-1);
  return { createDevice, producers, camera };
}

export interface SentRequest {
  name: ClientRequestName;
  payload: unknown;
}

/**
 * A consumer of `producerId` as the server would describe it, with mediasoup-client's fake
 * parameters: paused unless its source is among `flowing`.
 */
function consumerOf(
  producerId: string,
  producers: readonly ProducerInfo[],
  flowing: readonly string[] = [],
): ConsumerOptions {
  const known = producers.find((p) => p.producerId === producerId);
  const kind = known?.kind ?? 'audio';
  const remote = testFakeParameters.generateConsumerRemoteParameters({
    codecMimeType: kind === 'audio' ? 'audio/opus' : 'video/VP8',
  });
  return {
    consumerId: remote.id,
    producerId,
    participantId: known?.participantId ?? 'someone',
    kind,
    source: known?.source ?? 'mic',
    rtpParameters: remote.rtpParameters as ConsumerOptions['rtpParameters'],
    paused: !flowing.includes(known?.source ?? 'mic'),
    producerPaused: known?.paused ?? false,
  };
}

/** How a scripted SFU answers media requests, using mediasoup-client's own fake parameters. */
export function sfuAnswer(
  name: ClientRequestName,
  payload: unknown,
  producers: readonly ProducerInfo[] = [],
): unknown {
  switch (name) {
    case 'media:capabilities':
      return { routerRtpCapabilities: testFakeParameters.generateRouterRtpCapabilities() };
    case 'media:ready': {
      const { receive, flowing } = payload as { receive?: boolean; flowing?: string[] };
      return receive
        ? {
            producers,
            recvTransport: testFakeParameters.generateTransportRemoteParameters(),
            consumers: producers.map((p) => consumerOf(p.producerId, producers, flowing)),
          }
        : { producers };
    }
    case 'media:createTransport':
      return testFakeParameters.generateTransportRemoteParameters();
    case 'media:consume':
      return consumerOf((payload as { producerId: string }).producerId, producers);
    case 'media:produce':
      return { producerId: `own-${(payload as { source: string }).source}` };
    case 'chat:send':
      return { messageId: 'm1' };
    case 'hand:raise':
    case 'hand:lower':
      return {
        participant: {
          id: 'me',
          displayName: 'Me',
          role: 'patient',
          space: 'main',
          handRaisedAt: name === 'hand:raise' ? 1_000 : null,
          micLocked: false,
          connected: true,
          producers: [],
        },
      };
    default:
      return {};
  }
}

/** A Requester backed by the scripted SFU, recording every request in order. */
export function fakeSfu(producers: ProducerInfo[] = []) {
  const sent: SentRequest[] = [];
  const request = (async (name: ClientRequestName, payload: unknown) => {
    sent.push({ name, payload });
    await Promise.resolve();
    return sfuAnswer(name, payload, producers);
  }) as Requester;
  return { request, sent, names: () => sent.map((r) => r.name) };
}

type Handler = (...args: unknown[]) => void;

/**
 * A scripted socket.io server seen from the client: records requests, answers them with
 * `respond` (a thrown `{ code, message }` becomes an error answer), and lets a test push
 * server events, drop the link and bring it back.
 */
export class FakeSocket {
  connected = false;
  active = false;
  /** The manager's options, as socket.io-client keeps them for its next connection. */
  readonly io: { opts: { query?: Record<string, string> } } = { opts: {} };
  readonly sent: SentRequest[] = [];
  private readonly handlers = new Map<string, Set<Handler>>();

  constructor(private readonly respond: (name: ClientRequestName, payload: unknown) => unknown) {}

  on(event: string, handler: Handler): this {
    const set = this.handlers.get(event) ?? new Set<Handler>();
    set.add(handler);
    this.handlers.set(event, set);
    return this;
  }

  connect(): this {
    this.active = true;
    queueMicrotask(() => this.reconnect());
    return this;
  }

  disconnect(): this {
    const was = this.connected;
    this.connected = false;
    this.active = false;
    if (was) this.push('disconnect', 'io client disconnect');
    return this;
  }

  timeout(_ms: number) {
    return {
      emit: (
        name: ClientRequestName,
        payload: unknown,
        ack: (err: Error | null, answer: unknown) => void,
      ) => {
        this.sent.push({ name, payload });
        void Promise.resolve().then(() => {
          try {
            ack(null, { ok: true, data: this.respond(name, payload) });
          } catch (error) {
            const { code, message } = error as { code: string; message: string };
            ack(null, { ok: false, error: { code, message } });
          }
        });
      },
    };
  }

  /** Delivers a server event (or a reserved one: connect, disconnect, connect_error). */
  push(event: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }

  drop(): void {
    this.connected = false;
    this.push('disconnect', 'transport close');
  }

  reconnect(): void {
    this.connected = true;
    this.push('connect');
  }

  names(): ClientRequestName[] {
    return this.sent.map((r) => r.name);
  }
}
