import type { Notice } from '@haven/protocol';
import type { SelfStatus } from '../../call/types';
import { defineMessages, translate, type Locale } from '../../i18n';

/** What a person is told when a clinician acts on them, and when their stay ends. */
export const noticeMessages = defineMessages('features/session/texts', {
  mutedLocked: 'Your clinician muted your microphone. They will unmute it when it’s your turn.',
  muted: 'Your clinician muted your microphone. You can unmute when you’re ready.',
  micUnlocked: 'Your clinician unlocked your microphone. You can unmute when you’re ready.',
  cameraStoppedLocked: 'Your clinician turned off your camera for now.',
  cameraStopped: 'Your clinician turned off your camera. You can turn it back on.',
  handLowered: 'Your clinician lowered your hand.',
  steppedOut: 'You are now in a private conversation with {name}. The group can’t see or hear you.',
  returnedToGroup: 'You are back with the group.',
  sentToWaiting: 'Your clinician moved you to the waiting room.',
  leadChanged: '{name} is now leading the session.',
  sessionOnHold: 'The session is paused until about {time}. Please stay connected.',
  sessionResumed: 'The session has resumed.',
  deniedTitle: 'Your clinician didn’t admit you to this session',
  removedTitle: 'You were removed from this session',
  removedBody: 'If you think this is a mistake, please contact your clinic.',
  replacedTitle: 'This session is open in another window',
  replacedBody:
    'You joined from another window or device, and the session carries on there. To take it back here, rejoin.',
  endedTitle: 'The session has ended',
  endedBody: 'Thank you for joining.',
  timeoutBody: 'Your clinician’s connection was lost for too long. Your clinic will be in touch.',
  interruptedTitle: 'The session was interrupted',
  interruptedBody: 'A technical problem ended the session. Please try to rejoin in a few minutes.',
  leftTitle: 'You left the session',
  leftBody: 'You can rejoin with the same link.',
});

/** Formats a moment as a short local time; injectable so tests do not depend on the machine. */
export type TimeFormat = (at: number) => string;

export const shortTime =
  (locale: Locale): TimeFormat =>
  (at) =>
    new Date(at).toLocaleTimeString(locale === 'es' ? 'es-US' : 'en-US', {
      hour: 'numeric',
      minute: '2-digit',
    });

/** What a person is told when a clinician acts on them or the session changes. */
export function noticeText(notice: Notice, locale: Locale, time: TimeFormat = shortTime(locale)) {
  const t = (key: keyof typeof noticeMessages.en, vars?: Record<string, string>) =>
    translate(noticeMessages, locale, key, vars);
  switch (notice.kind) {
    case 'muted':
      return t(notice.locked ? 'mutedLocked' : 'muted');
    case 'micUnlocked':
      return t('micUnlocked');
    case 'cameraStopped':
      return t(notice.locked ? 'cameraStoppedLocked' : 'cameraStopped');
    case 'handLowered':
      return t('handLowered');
    case 'steppedOut':
      return t('steppedOut', { name: notice.withName });
    case 'returnedToGroup':
      return t('returnedToGroup');
    case 'sentToWaiting':
      return t('sentToWaiting');
    case 'leadChanged':
      return t('leadChanged', { name: notice.leadName });
    case 'sessionOnHold':
      return t('sessionOnHold', { time: time(notice.until) });
    case 'sessionResumed':
      return t('sessionResumed');
  }
}

export interface EndText {
  title: string;
  body: string;
  /** Whether joining again with the same link makes sense. */
  canRejoin: boolean;
}

/** The heading and sentence shown once a stay is over; null while it goes on. */
export function endText(self: SelfStatus, locale: Locale): EndText | null {
  const t = (key: keyof typeof noticeMessages.en) => translate(noticeMessages, locale, key);
  switch (self.state) {
    case 'removed':
      if (self.kind === 'replaced')
        return { title: t('replacedTitle'), body: t('replacedBody'), canRejoin: true };
      return {
        title: t(self.kind === 'denied' ? 'deniedTitle' : 'removedTitle'),
        body: self.message ?? t('removedBody'),
        canRejoin: false,
      };
    case 'ended':
      switch (self.reason) {
        case 'ended_by_clinician':
          return { title: t('endedTitle'), body: t('endedBody'), canRejoin: false };
        case 'clinician_timeout':
          return { title: t('endedTitle'), body: t('timeoutBody'), canRejoin: false };
        case 'server_shutdown':
          return { title: t('interruptedTitle'), body: t('interruptedBody'), canRejoin: true };
      }
      return null;
    case 'left':
      return { title: t('leftTitle'), body: t('leftBody'), canRejoin: true };
    default:
      return null;
  }
}
