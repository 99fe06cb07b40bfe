import type { Notice } from '@haven/protocol';
import type { SelfStatus } from '../../call/types';

/** Formats a moment as a short local time; injectable so tests do not depend on the locale. */
export type TimeFormat = (at: number) => string;

const shortTime: TimeFormat = (at) =>
  new Date(at).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });

/** What a person is told when a clinician acts on them or the session changes. */
export function noticeText(notice: Notice, time: TimeFormat = shortTime): string {
  switch (notice.kind) {
    case 'muted':
      return notice.locked
        ? 'Your clinician muted your microphone. They will unmute it when it’s your turn.'
        : 'Your clinician muted your microphone. You can unmute when you’re ready.';
    case 'micUnlocked':
      return 'Your clinician unlocked your microphone. You can unmute when you’re ready.';
    case 'cameraStopped':
      return notice.locked
        ? 'Your clinician turned off your camera for now.'
        : 'Your clinician turned off your camera. You can turn it back on.';
    case 'handLowered':
      return 'Your clinician lowered your hand.';
    case 'steppedOut':
      return `You are now in a private conversation with ${notice.withName}. The group can’t see or hear you.`;
    case 'returnedToGroup':
      return 'You are back with the group.';
    case 'sentToWaiting':
      return 'Your clinician moved you to the waiting room.';
    case 'leadChanged':
      return `${notice.leadName} is now leading the session.`;
    case 'sessionOnHold':
      return `The session is paused until about ${time(notice.until)}. Please stay connected.`;
    case 'sessionResumed':
      return 'The session has resumed.';
  }
}

export interface EndText {
  title: string;
  body: string;
  /** Whether joining again with the same link makes sense. */
  canRejoin: boolean;
}

/** The heading and sentence shown once a stay is over. */
export function endText(self: SelfStatus): EndText | null {
  switch (self.state) {
    case 'removed': {
      const title =
        self.kind === 'denied'
          ? 'Your clinician didn’t admit you to this session'
          : 'You were removed from this session';
      const body = self.message ?? 'If you think this is a mistake, please contact your clinic.';
      return { title, body, canRejoin: false };
    }
    case 'ended':
      switch (self.reason) {
        case 'ended_by_clinician':
          return {
            title: 'The session has ended',
            body: 'Thank you for joining.',
            canRejoin: false,
          };
        case 'clinician_timeout':
          return {
            title: 'The session has ended',
            body: 'Your clinician’s connection was lost for too long. Your clinic will be in touch.',
            canRejoin: false,
          };
        case 'server_shutdown':
          return {
            title: 'The session was interrupted',
            body: 'A technical problem ended the session. Please try to rejoin in a few minutes.',
            canRejoin: true,
          };
      }
      break;
    case 'left':
      return {
        title: 'You left the session',
        body: 'You can rejoin with the same link.',
        canRejoin: true,
      };
    default:
      return null;
  }
  return null;
}
