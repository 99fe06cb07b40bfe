import type {
  E2eeAskedEvent,
  E2eeKeyEvent,
  Notice,
  RoomSnapshot,
  YourStatus,
} from '@haven/protocol';
import { isErrorCode } from '@haven/protocol';
import { CallError } from './errors';
import type { MediaSession } from './MediaSession';
import type { HavenSocket } from './signaling';
import type { CallAction } from './types';

/** What the socket's events drive in CallClient. */
export interface SocketHooks {
  dispatch: (action: CallAction) => void;
  media: () => MediaSession | null;
  isClosed: () => boolean;
  onConnect: () => void;
  /** The link dropped; socket.io is retrying. */
  onDropped: () => void;
  onStatus: (status: YourStatus) => void;
  /** The server lost this participant's media (its worker died): set it up again. */
  onMediaReset: () => void;
  onNotice: (notice: Notice) => void;
  /** The room as it is on (re)entering it, with this person's own record. */
  onSnapshot: (snapshot: RoomSnapshot) => void;
  /** Someone gave this page their end-to-end sender key, or asks for this page's again. */
  onE2ee: (event: E2eeKeyEvent | E2eeAskedEvent) => void;
  /** Removed or session ended: nothing more will happen in this call. */
  onFinal: () => void;
  onFatal: (error: CallError) => void;
  /** The server could not check the handshake just now: the socket tries again shortly. */
  onRetrying: (error: CallError) => void;
  later: (ms: number, task: () => void) => void;
  departureMs: number;
}

/** How long after a handshake the server could not check the socket tries again. */
export const HANDSHAKE_RETRY_MS = 3_000;

/** The code a server middleware put on a refused handshake, if any. */
function refusalCode(error: Error & { data?: unknown }): CallError {
  const data: unknown = error.data;
  const code: unknown =
    typeof data === 'object' && data !== null ? (data as { code?: unknown }).code : undefined;
  return new CallError(isErrorCode(code) ? code : 'UNAUTHENTICATED', error.message);
}

/** Subscribes to every server event; each handler only translates it into CallClient terms. */
export function wireSocket(socket: HavenSocket, hooks: SocketHooks): void {
  const { dispatch, media } = hooks;

  socket.on('connect', () => {
    dispatch({ type: 'connection', connection: 'connected' });
    hooks.onConnect();
  });
  socket.on('disconnect', (reason) => {
    if (hooks.isClosed()) return;
    hooks.onDropped();
    if (reason === 'io server disconnect') {
      hooks.onFatal(new CallError('DISCONNECTED', 'the server closed the connection'));
      return;
    }
    dispatch({ type: 'connection', connection: 'reconnecting' });
  });
  socket.on('connect_error', (error) => {
    if (hooks.isClosed()) return;
    // An inactive socket was refused by the server (bad token...) and will not retry by
    // itself; a refusal for a fault of the server's (INTERNAL) is tried again here.
    if (socket.active) return;
    const refusal = refusalCode(error);
    if (refusal.code !== 'INTERNAL') {
      hooks.onFatal(refusal);
      return;
    }
    hooks.onRetrying(refusal);
    hooks.later(HANDSHAKE_RETRY_MS, () => {
      if (!hooks.isClosed() && !socket.active) socket.connect();
    });
  });

  socket.on('you:status', (status) => hooks.onStatus(status));
  socket.on('media:reset', () => hooks.onMediaReset());
  socket.on('you:notice', (notice) => hooks.onNotice(notice));
  socket.on('you:removed', ({ kind, message }) => {
    dispatch({ type: 'removed', kind, message });
    hooks.onFinal();
  });
  socket.on('session:ended', ({ reason }) => {
    dispatch({ type: 'ended', reason });
    hooks.onFinal();
  });
  socket.on('waiting:message', ({ text, at }) => dispatch({ type: 'waitingMessage', text, at }));
  socket.on('you:clinician', ({ present }) => dispatch({ type: 'clinician', present }));
  socket.on('waiting:queue', (entries) => dispatch({ type: 'waitingQueue', entries }));

  socket.on('room:snapshot', (snapshot) => {
    dispatch({ type: 'snapshot', snapshot });
    hooks.onSnapshot(snapshot);
  });
  socket.on('e2ee:key', hooks.onE2ee);
  socket.on('e2ee:asked', hooks.onE2ee);
  socket.on('room:patch', (patch) => dispatch({ type: 'patch', patch }));
  socket.on('room:activeSpeaker', ({ participantId }) =>
    dispatch({ type: 'patch', patch: { activeSpeakerId: participantId } }),
  );
  socket.on('participant:joined', (participant) =>
    dispatch({ type: 'participantUpserted', participant }),
  );
  socket.on('participant:updated', (participant) =>
    dispatch({ type: 'participantUpserted', participant }),
  );
  socket.on('participant:left', ({ participantId }) => {
    media()?.participantLeft(participantId);
    dispatch({ type: 'participantLeft', participantId, at: Date.now() });
    hooks.later(hooks.departureMs, () => dispatch({ type: 'departureExpired', participantId }));
  });
  socket.on('chat:message', (message) => dispatch({ type: 'chat', message }));

  socket.on('media:newProducer', (producer) => void media()?.consume(producer));
  socket.on('media:producerClosed', ({ producerId }) => media()?.producerClosed(producerId));
  socket.on('media:consumerClosed', ({ consumerId }) => media()?.consumerClosed(consumerId));
  socket.on('media:consumerPaused', ({ consumerId }) => media()?.consumerPaused(consumerId, true));
  socket.on('media:consumerResumed', ({ consumerId }) =>
    media()?.consumerPaused(consumerId, false),
  );
  socket.on(
    'media:layersWanted',
    ({ producerId, spatialLayer }) => void media()?.layersWanted(producerId, spatialLayer),
  );
}
