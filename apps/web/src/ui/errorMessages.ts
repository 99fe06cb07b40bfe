import type { CallErrorCode } from '../call/errors';
import { defineMessages, getLocale, translate, type Locale } from '../i18n';

/** One plain sentence (or two) per error code, written for a patient on a phone. */
export const ERROR_MESSAGES = defineMessages<CallErrorCode>('ui/errorMessages', {
  BAD_REQUEST: 'Something in that request wasn’t right. Please try again.',
  PROTOCOL_MISMATCH: 'Haven has been updated. Please reload this page to continue.',
  UNAUTHENTICATED:
    'This link isn’t valid. Please use the link your clinic sent you, or ask them for a new one.',
  TOKEN_EXPIRED: 'This link has expired. Please ask your clinic for a new one.',
  FORBIDDEN: 'You don’t have permission to do that.',
  NOT_FOUND: 'We couldn’t find this session. Please check the link with your clinic.',
  CONFLICT:
    'That clashes with what is happening right now. You may already be in this session in another window.',
  NOT_JOINED: 'You aren’t in the session yet. Please reload the page to join.',
  NOT_ADMITTED: 'You’re still in the waiting room. Your clinician will let you in.',
  INVALID_STATE: 'That can’t be done right now. Please wait a moment and try again.',
  SESSION_ENDED: 'This session has ended.',
  SESSION_LOCKED:
    'This session is closed to late arrivals. Please contact your clinician or your clinic.',
  SESSION_ELSEWHERE: 'We are still connecting you to your session. We will try again in a moment.',
  REMOVED: 'Your clinician removed you from this session.',
  INVITE_INVALID: 'This invitation is no longer valid. Please ask your clinic for a new link.',
  CHECK_IN_REQUIRED: 'Please answer the check-in questions before joining.',
  INVALID_CREDENTIALS: 'The email or password is not correct.',
  MEDIA_ERROR:
    'We had trouble connecting your audio or video. Please try again; reloading the page often helps.',
  RATE_LIMITED: 'Too many attempts in a short time. Please wait a minute and try again.',
  INTERNAL: 'Something went wrong on our side. Please try again in a moment.',
  TIMEOUT:
    'The connection is slow or interrupted, so we got no answer in time. Please check your internet connection.',
  DISCONNECTED:
    'The connection to the session was lost. Please check your internet connection and reload the page.',
  DEVICE_DENIED:
    'Haven isn’t allowed to use your camera or microphone. Allow access in your browser’s settings, then reload. You can still listen.',
  DEVICE_UNAVAILABLE:
    'We couldn’t start your camera or microphone. Check that it is connected and not in use by another app. You can still listen.',
  UNSUPPORTED_BROWSER:
    'This browser can’t join video sessions. Please use a recent Chrome, Edge, Firefox or Safari.',
  E2EE_UNSUPPORTED:
    'This session is end-to-end encrypted, and this browser can’t encrypt video itself. Please use a recent Chrome, Edge, Firefox or Safari.',
});

const isKnown = (code: string): code is CallErrorCode => code in ERROR_MESSAGES.en;

/** The sentence for an error code in a language (the current one by default); unknown codes get the generic one. */
export function errorMessage(code: string, locale: Locale = getLocale()): string {
  return translate(ERROR_MESSAGES, locale, isKnown(code) ? code : 'INTERNAL');
}
