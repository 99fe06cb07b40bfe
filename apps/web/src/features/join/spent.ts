import type { CallState } from '../../call/types';

/** Refusals after which the server will not take this invitation again. */
export const LINK_GONE: ReadonlySet<string> = new Set([
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED',
  'INVITE_INVALID',
  'REMOVED',
  'SESSION_ENDED',
]);

/**
 * Whether the invitation this tab keeps can no longer get the patient back in: the
 * session ended, the patient was removed or not admitted, or the server refused the link
 * (when joining, or when reconnecting later). On a shared computer whatever the tab keeps
 * of it (the patient's name, a token) must then go. A stay the end screen offers to rejoin
 * (a voluntary leave, a server restart) is not over: Rejoin and a reload still need it.
 */
export function invitationSpent(state: Pick<CallState, 'self' | 'lastError'>): boolean {
  const { self, lastError } = state;
  if (lastError?.fatal && LINK_GONE.has(lastError.code)) return true;
  // Joined from another window: the link is in use there, and Rejoin takes it back here.
  if (self.state === 'removed') return self.kind !== 'replaced';
  // The end screen offers Rejoin after a server shutdown (as after leaving), not otherwise.
  return self.state === 'ended' && self.reason !== 'server_shutdown';
}
