import { HavenError, type ClientRequestName, type MediaSource } from '@haven/protocol';
import type { PeerMedia } from '@haven/sfu';
import type { Handler, InSession, JoinedLookup } from './context.js';
import { guard } from './context.js';
import { canSee } from '../rooms/views.js';
import type { LiveSession } from '../rooms/live-session.js';
import type { Participant } from '../rooms/participant.js';

function peerOf(c: InSession): PeerMedia {
  const peer = c.session.peer(c.participant.id);
  if (!peer) throw new HavenError('INVALID_STATE', 'Your media connection is not ready.');
  return peer;
}

/** Records video / audio-only changes for the ledger whenever a participant's camera state changes. */
export async function trackMediaMode(session: LiveSession, p: Participant): Promise<void> {
  // A media request that finishes after its sender left writes nothing into a closed stay.
  if (!p.admitted) return;
  const camera = session.producersOf(p.id).find((i) => i.source === 'camera' && !i.paused);
  const mode = camera ? 'video' : 'audio';
  if (p.mediaMode === mode) return;
  p.mediaMode = mode;
  await session.record(p, 'media_mode', session.now(), { mode });
}

/** Whether a clinician has locked this source off for this person. */
const isLocked = (p: Participant, source: MediaSource): boolean =>
  (source === 'mic' && p.micLocked) || (source === 'camera' && p.cameraLocked);

/** Refuses media a clinician has locked off for this person. */
function checkLock(p: Participant, source: MediaSource): void {
  if (!isLocked(p, source)) return;
  throw new HavenError(
    'FORBIDDEN',
    source === 'mic'
      ? 'Your clinician has muted you.'
      : 'Your clinician has turned your camera off.',
  );
}

/**
 * A clinician may lock a microphone or camera while a request to start one is on its way
 * to the worker; the lock pauses only what existed then. Checked again once the request
 * is done, a source locked meanwhile is paused before anyone hears it.
 */
async function holdIfLocked(
  peer: PeerMedia,
  p: Participant,
  producerId: string,
  source: MediaSource,
) {
  if (isLocked(p, source)) await peer.pauseProducer(producerId);
}

/** Whether `c`'s sender may receive `ownerId`'s media now: both in the room, in one space. */
function maySee(c: InSession, ownerId: string): boolean {
  const owner = c.session.room.get(ownerId);
  return owner !== undefined && owner.admitted && canSee(owner, c.participant);
}

/**
 * Consumers made while the worker worked may have been overtaken by a move: a clinician
 * stepping out with a patient closes the consumers between the spaces, but not those
 * still being made. Checked again once made, any the sender may no longer see are
 * closed before they are handed over, so a private space is never heard from outside.
 */
function keepVisible<T extends { participantId: string }>(c: InSession, made: T[]): T[] {
  const peer = peerOf(c);
  const gone = new Set(made.filter((m) => !maySee(c, m.participantId)).map((m) => m.participantId));
  for (const ownerId of gone) peer.closeConsumersOfPeer(ownerId);
  return made.filter((m) => !gone.has(m.participantId));
}

export function mediaHandlers(lookup: JoinedLookup) {
  return {
    'media:capabilities': guard.admitted<'media:capabilities'>(lookup, (c) => ({
      routerRtpCapabilities: c.session.media.rtpCapabilities,
    })),

    'media:ready': guard.admitted<'media:ready'>(
      lookup,
      async (c, { rtpCapabilities, receive, flowing = [], dtlsParameters }) => {
        const peer = peerOf(c);
        peer.setRtpCapabilities(rtpCapabilities);
        const producers = c.session.room
          .admitted()
          .filter((o) => o.id !== c.participant.id && canSee(o, c.participant))
          .flatMap((o) => c.session.producersOf(o.id));
        if (!receive) return { producers };
        // A new transport: the client's ICE checks, and so any packet to it, come only once
        // it has set up every consumer made here, so those it asked to flow start resumed.
        const recvTransport = await peer.createTransport('recv', dtlsParameters);
        // A producer closed meanwhile has no consumer; the client asks again for any missing.
        const consumed = await Promise.allSettled(
          producers.map((p) => peer.consume(p.producerId, { paused: !flowing.includes(p.source) })),
        );
        const consumers = keepVisible(
          c,
          consumed.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
        );
        return {
          producers: producers.filter((p) => maySee(c, p.participantId)),
          recvTransport,
          consumers,
        };
      },
    ),

    'media:createTransport': guard.admitted<'media:createTransport'>(
      lookup,
      async (c, { direction, dtlsParameters }) => {
        const peer = peerOf(c);
        // A new send transport replaces the old one, and the old one's producers close.
        const replaced = direction === 'send' ? peer.producers() : [];
        const transport = await peer.createTransport(direction, dtlsParameters);
        if (replaced.length > 0) {
          for (const { producerId } of replaced)
            c.session.broadcastProducerClosed(c.participant, producerId);
          await trackMediaMode(c.session, c.participant);
          c.session.broadcastParticipant(c.participant);
        }
        return transport;
      },
    ),

    'media:connectTransport': guard.admitted<'media:connectTransport'>(lookup, async (c, p) => {
      await peerOf(c).connectTransport(p.transportId, p.dtlsParameters);
      return {};
    }),

    'media:restartIce': guard.admitted<'media:restartIce'>(lookup, async (c, { transportId }) => ({
      iceParameters: await peerOf(c).restartIce(transportId),
    })),

    'media:produce': guard.admitted<'media:produce'>(lookup, async (c, p) => {
      const me = c.participant;
      checkLock(me, p.source);
      if (p.source === 'screen' && !me.isStaff) {
        throw new HavenError('FORBIDDEN', 'Only clinicians can share their screen.');
      }
      const peer = peerOf(c);
      const made = await peer.produce(p);
      await holdIfLocked(peer, me, made.producerId, p.source);
      const info = peer.producer(made.producerId) ?? made;
      for (const viewer of c.session.room.admitted()) {
        if (viewer.id !== me.id && canSee(viewer, me))
          c.session.toParticipant(viewer.id, 'media:newProducer', info);
      }
      await trackMediaMode(c.session, me);
      c.session.broadcastParticipant(me);
      return { producerId: info.producerId };
    }),

    'media:closeProducer': guard.admitted<'media:closeProducer'>(
      lookup,
      async (c, { producerId }) => {
        peerOf(c).closeProducer(producerId);
        c.session.broadcastProducerClosed(c.participant, producerId);
        await trackMediaMode(c.session, c.participant);
        return {};
      },
    ),

    'media:pauseProducer': guard.admitted<'media:pauseProducer'>(
      lookup,
      async (c, { producerId }) => {
        await peerOf(c).pauseProducer(producerId);
        await trackMediaMode(c.session, c.participant);
        c.session.broadcastParticipant(c.participant);
        return {};
      },
    ),

    'media:resumeProducer': guard.admitted<'media:resumeProducer'>(
      lookup,
      async (c, { producerId }) => {
        const peer = peerOf(c);
        const info = peer.producer(producerId);
        if (!info) throw new HavenError('NOT_FOUND', 'No such producer.');
        checkLock(c.participant, info.source);
        await peer.resumeProducer(producerId);
        await holdIfLocked(peer, c.participant, producerId, info.source);
        await trackMediaMode(c.session, c.participant);
        c.session.broadcastParticipant(c.participant);
        return {};
      },
    ),

    'media:consume': guard.admitted<'media:consume'>(lookup, async (c, { producerId }) => {
      const owner = c.session.room
        .admitted()
        .find((o) => c.session.producersOf(o.id).some((i) => i.producerId === producerId));
      if (!owner || owner.id === c.participant.id || !canSee(owner, c.participant)) {
        throw new HavenError('NOT_FOUND', 'No such producer.');
      }
      const [made] = keepVisible(c, [await peerOf(c).consume(producerId)]);
      if (!made) throw new HavenError('NOT_FOUND', 'No such producer.');
      return made;
    }),

    'media:resumeConsumer': guard.admitted<'media:resumeConsumer'>(
      lookup,
      async (c, { consumerId }) => {
        const peer = peerOf(c);
        const info = peer.consumer(consumerId);
        if (info && !maySee(c, info.participantId)) {
          peer.closeConsumersOfPeer(info.participantId);
          throw new HavenError('NOT_FOUND', 'No such consumer.');
        }
        await peer.resumeConsumer(consumerId);
        return {};
      },
    ),

    'media:pauseConsumer': guard.admitted<'media:pauseConsumer'>(
      lookup,
      async (c, { consumerId }) => {
        await peerOf(c).pauseConsumer(consumerId);
        return {};
      },
    ),

    'media:setPreferredLayers': guard.admitted<'media:setPreferredLayers'>(lookup, async (c, p) => {
      await peerOf(c).setPreferredLayers(p.consumerId, p.spatialLayer, p.temporalLayer);
      return {};
    }),
  } satisfies { [K in MediaRequest]: Handler<K> };
}

type MediaRequest = Extract<ClientRequestName, `media:${string}`>;
