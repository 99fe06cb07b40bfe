import {
  HavenError,
  clearToAdmitAll,
  type ClientRequestName,
  type MediaSource,
} from '@haven/protocol';
import {
  guard,
  type AccountCheck,
  type Handler,
  type InSession,
  type JoinedLookup,
} from './context.js';
import type { DirectoryFor } from './directory.js';
import { trackMediaMode } from './media-handlers.js';
import type { Participant } from '../rooms/participant.js';

type ModRequest = Extract<ClientRequestName, `mod:${string}`>;

/** Writes the audit entry for a clinician's action; names and free text stay out of it. */
function audit(
  c: InSession,
  action: string,
  target: Participant | null,
  details?: Record<string, unknown>,
) {
  return c.session.audit({
    actorId: c.participant.subject.subjectId,
    actorRole: c.participant.role,
    action,
    targetType: target ? 'participant' : 'session',
    targetId: target ? target.subject.subjectId : c.session.sessionId,
    requestId: c.requestId,
    details: { sessionId: c.session.sessionId, ...details },
  });
}

/**
 * The ledger is written before the room changes: if the write fails, the person is still
 * waiting, nothing else has changed, and the clinician can admit them again.
 */
async function admit(c: InSession, p: Participant): Promise<void> {
  const s = c.session;
  const at = s.now();
  s.room.admissible(p.id);
  await s.record(p, 'admitted', at);
  s.room.admit(p.id, at);
  await s.enterRoom(p, false);
  await s.syncStatus();
  s.broadcastPatch();
  await audit(c, 'session.admit', p);
  c.log.info({ participantId: p.id }, 'admitted');
}

async function pauseSource(c: InSession, p: Participant, source: MediaSource): Promise<void> {
  const peer = c.session.peer(p.id);
  for (const info of peer?.producers() ?? []) {
    if (info.source === source && !info.paused) await peer?.pauseProducer(info.producerId);
  }
}

export function moderationHandlers(
  directoryFor: DirectoryFor,
  lookup: JoinedLookup,
  confirm: AccountCheck,
) {
  const mod = <K extends ModRequest>(fn: Handler<K, InSession>) =>
    guard.moderator<K>(lookup, confirm, fn);
  return {
    'mod:admit': mod<'mod:admit'>(async (c, { participantId }) => {
      await admit(c, c.session.room.require(participantId));
      c.session.pushQueue();
      return {};
    }),

    'mod:admitAll': mod<'mod:admitAll'>(async (c) => {
      // Someone offline, unchecked or not in a private place is admitted one by one.
      const waiting = c.session.room.waiting();
      const clear = waiting.filter((p) => {
        const entry = p.waitingEntry();
        return entry !== null && clearToAdmitAll(entry);
      });
      for (const p of clear) await admit(c, p);
      c.session.pushQueue();
      return { admitted: clear.length, held: waiting.length - clear.length };
    }),

    'mod:deny': mod<'mod:deny'>(async (c, { participantId, message }) => {
      const s = c.session;
      const at = s.now();
      await s.record(s.room.requireWaiting(participantId), 'denied', at);
      const p = s.room.deny(participantId, at);
      await audit(c, 'session.deny', p);
      s.toParticipant(p.id, 'you:removed', { kind: 'denied', message: message ?? null });
      s.release(p.id);
      s.pushQueue();
      return {};
    }),

    'mod:messageWaiting': mod<'mod:messageWaiting'>(async (c, { participantId, text }) => {
      const s = c.session;
      const p = s.room.setWaitingMessage(participantId, text);
      s.toParticipant(p.id, 'waiting:message', { text, at: s.now() });
      await audit(c, 'session.message_waiting', p);
      s.pushQueue();
      return {};
    }),

    'mod:mute': mod<'mod:mute'>(async (c, { participantId, kind, lock }) => {
      const s = c.session;
      const p = s.room.requireAdmitted(participantId);
      // The lock is set before pausing: a resume the patient sends meanwhile is refused.
      if (kind === 'audio') {
        p.micLocked = lock;
        await pauseSource(c, p, 'mic');
        s.toParticipant(p.id, 'you:notice', { kind: 'muted', locked: lock });
      } else {
        p.cameraLocked = lock;
        await pauseSource(c, p, 'camera');
        s.toParticipant(p.id, 'you:notice', { kind: 'cameraStopped', locked: lock });
        await trackMediaMode(s, p);
      }
      await audit(c, kind === 'audio' ? 'session.mute' : 'session.stop_camera', p, { lock });
      s.broadcastParticipant(p);
      return {};
    }),

    'mod:unlockMic': mod<'mod:unlockMic'>(async (c, { participantId }) => {
      const p = c.session.room.requireAdmitted(participantId);
      p.micLocked = false;
      p.cameraLocked = false;
      c.session.toParticipant(p.id, 'you:notice', { kind: 'micUnlocked' });
      await audit(c, 'session.unlock_media', p);
      c.session.broadcastParticipant(p);
      return {};
    }),

    'mod:lowerHand': mod<'mod:lowerHand'>(async (c, { participantId }) => {
      const p = c.session.room.requireAdmitted(participantId);
      const changed = c.session.room.lowerHand(participantId);
      c.session.toParticipant(p.id, 'you:notice', { kind: 'handLowered' });
      await audit(c, 'session.lower_hand', p);
      if (changed) c.session.broadcastParticipant(p);
      return {};
    }),

    'mod:remove': mod<'mod:remove'>(async (c, { participantId, reason }) => {
      const s = c.session;
      const p = s.room.requireAdmittedPatient(participantId);
      await directoryFor(c.principal).recordRemoval(
        s.sessionId,
        p.subject.subjectId,
        c.participant.subject.subjectId,
        reason,
        s.now(),
      );
      await s.leave(p.id, 'removed', 'removed', { reason });
      // Told once it holds: a removal whose record failed has changed nothing yet.
      s.toParticipant(p.id, 'you:removed', { kind: 'removed', message: null });
      await audit(c, 'session.remove', p);
      return {};
    }),

    'mod:sendToWaiting': mod<'mod:sendToWaiting'>(async (c, { participantId }) => {
      const s = c.session;
      const at = s.now();
      const sent = s.room.requireAdmittedPatient(participantId);
      // A clinician stepped out with them goes back to the group, not alone in private.
      const companions = s.companionsOf(sent);
      await s.record(sent, 'sent_to_waiting', at);
      const p = s.room.sendToWaiting(participantId, at);
      s.exitRoom(p);
      await s.backToGroup(companions, at);
      s.toParticipant(p.id, 'you:notice', { kind: 'sentToWaiting' });
      s.toParticipant(p.id, 'you:status', {
        state: 'waiting',
        message: null,
        lateArrival: false,
        clinicianPresent: s.clinicianPresent,
      });
      s.pushQueue();
      await audit(c, 'session.send_to_waiting', p);
      return {};
    }),

    'mod:stepOut': mod<'mod:stepOut'>(async (c, { participantId }) => {
      const s = c.session;
      const pair = s.room.stepOutPair(c.participant.id, participantId);
      const [, patient] = pair;
      // The ledger first; then the move and the media, with nothing awaited between, so
      // the group never hears a word of what is said for the clinician alone.
      const at = s.now();
      for (const p of pair) await s.record(p, 'stepped_out', at);
      const space = s.room.stepOut(c.participant.id, participantId);
      for (const p of pair) s.moved(p);
      for (const p of pair) {
        s.toParticipant(p.id, 'you:status', { state: 'admitted', space });
        s.broadcastParticipant(p);
      }
      s.toParticipant(patient.id, 'you:notice', {
        kind: 'steppedOut',
        withName: c.participant.displayName,
      });
      await audit(c, 'session.step_out', patient);
      return {};
    }),

    'mod:return': mod<'mod:return'>(async (c) => {
      const s = c.session;
      const at = s.now();
      for (const p of s.room.privateSpaceOf(c.participant.id)) await s.record(p, 'returned', at);
      const moved = s.room.returnToGroup(c.participant.id);
      for (const p of moved) s.moved(p);
      for (const p of moved) {
        s.toParticipant(p.id, 'you:status', { state: 'admitted', space: 'main' });
        if (p.id !== c.participant.id)
          s.toParticipant(p.id, 'you:notice', { kind: 'returnedToGroup' });
        s.broadcastParticipant(p);
      }
      await audit(c, 'session.return', null);
      return {};
    }),

    'mod:lock': mod<'mod:lock'>(async (c, { locked }) => {
      c.session.room.locked = locked;
      c.session.broadcastPatch();
      await audit(c, locked ? 'session.lock' : 'session.unlock', null);
      return {};
    }),

    'mod:spotlight': mod<'mod:spotlight'>(async (c, { participantId }) => {
      c.session.room.spotlight(participantId);
      c.session.broadcastPatch();
      await audit(
        c,
        'session.spotlight',
        participantId ? c.session.room.require(participantId) : null,
      );
      return {};
    }),

    // Where a patient is and whom to call, for an emergency during the session. Reading
    // them is audited first: nothing is answered whose reading was not recorded.
    'mod:checkIn': mod<'mod:checkIn'>(async (c, { participantId }) => {
      const p = c.session.room.require(participantId);
      if (p.isStaff) throw new HavenError('INVALID_STATE', 'Staff answer no check-in.');
      await audit(c, 'session.view_checkin', p);
      return { checkIn: p.checkIn };
    }),

    'mod:end': mod<'mod:end'>(async (c) => {
      await audit(c, 'session.end', null);
      await c.session.end('ended_by_clinician', c.participant.id);
      return {};
    }),
  } satisfies { [K in ModRequest]: Handler<K> };
}
