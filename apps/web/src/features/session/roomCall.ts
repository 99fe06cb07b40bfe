import { joinPreferences, takeToken } from './joinLink';
import { startCallEarly, type CallSetup } from './useCall';

/** What a room link asks for: its token (taken out of the address bar) and how to join. */
export function roomSetup(sessionId: string): CallSetup | null {
  const token = takeToken(sessionId);
  if (!token) return null;
  const { listenOnly, camera } = joinPreferences(window.location.search);
  return { options: { token, listenOnly, camera }, join: { sessionId } };
}

/** Opened on a room link: connects and joins while React renders the call page. */
export function startRoomCall(sessionId: string): void {
  const setup = roomSetup(sessionId);
  if (setup) startCallEarly(setup);
}
