import { defineMessages } from '../../i18n';

/** The join page's frame: opening the invitation, the steps, and what goes wrong on the way. */
export const joinMessages = defineMessages('features/join/messages', {
  brand: 'Haven',
  steps: 'Steps to join',
  stepDevices: 'Devices',
  stepCheckIn: 'Check-in',
  stepWaiting: 'Waiting room',
  stepOf: 'Step {n} of {total}',
  opening: 'Opening your invitation…',
  openingHint: 'This takes a moment on a slow connection.',
  failedTitle: 'We couldn’t open your invitation',
  noLinkTitle: 'Please open the link your clinic sent you',
  noLinkBody:
    'This page needs the invitation link from your clinic (in a text message or an email). If you opened it before in this tab, it may have expired: ask your clinic for a new one.',
  notFoundNow:
    'There is no session for this link right now. Please check the time of your group, or contact your clinic.',
  retry: 'Try again',
  sessionAt: '{title}, {day} at {time}',
  greeting: 'Hello, {name}.',
  preparing: 'Getting the session ready…',
  loadFailedTitle: 'The page didn’t finish loading',
  loadFailed:
    'Part of the page didn’t load. Please check your internet connection, then reload the page.',
  reload: 'Reload the page',
});
