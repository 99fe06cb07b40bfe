import { describe, expect, it } from 'vitest';
import type { CallErrorCode } from '../../call/errors';
import type { CallState } from '../../call/types';
import { invitationSpent } from './spent';

type Seen = Pick<CallState, 'self' | 'lastError'>;

const at = (self: CallState['self']): Seen => ({ self, lastError: null });
const failed = (code: CallErrorCode, fatal = true): Seen => ({
  self: { state: 'joining' },
  lastError: { code, message: code, fatal },
});

describe('an invitation spent by the call', () => {
  it('is spent once the session ended for good, or the patient was removed or denied', () => {
    expect(invitationSpent(at({ state: 'ended', reason: 'ended_by_clinician' }))).toBe(true);
    expect(invitationSpent(at({ state: 'ended', reason: 'clinician_timeout' }))).toBe(true);
    expect(invitationSpent(at({ state: 'removed', kind: 'removed', message: null }))).toBe(true);
    expect(invitationSpent(at({ state: 'removed', kind: 'denied', message: 'Not today' }))).toBe(
      true,
    );
    // Joined from another window: the link is in use, not spent.
    expect(invitationSpent(at({ state: 'removed', kind: 'replaced', message: null }))).toBe(false);
  });

  it('is spent when the server refuses the link, at the join or at a reconnection', () => {
    for (const code of [
      'UNAUTHENTICATED',
      'TOKEN_EXPIRED',
      'INVITE_INVALID',
      'REMOVED',
      'SESSION_ENDED',
    ] as const) {
      expect(invitationSpent(failed(code)), code).toBe(true);
    }
    expect(
      invitationSpent({
        self: { state: 'waiting', message: null, lateArrival: false, clinicianPresent: false },
        lastError: { code: 'TOKEN_EXPIRED', message: 'expired', fatal: true },
      }),
    ).toBe(true);
  });

  it('is kept where the end screen offers Rejoin: a voluntary leave, a server restart', () => {
    expect(invitationSpent(at({ state: 'left' }))).toBe(false);
    expect(invitationSpent(at({ state: 'ended', reason: 'server_shutdown' }))).toBe(false);
  });

  it('is kept while the call goes on, and after failures a retry or a reload can fix', () => {
    expect(invitationSpent(at({ state: 'idle' }))).toBe(false);
    expect(
      invitationSpent(
        at({ state: 'waiting', message: null, lateArrival: true, clinicianPresent: false }),
      ),
    ).toBe(false);
    expect(invitationSpent(at({ state: 'admitted', space: 'main' }))).toBe(false);
    for (const code of ['TIMEOUT', 'DISCONNECTED', 'PROTOCOL_MISMATCH', 'INTERNAL'] as const) {
      expect(invitationSpent(failed(code)), code).toBe(false);
    }
    expect(invitationSpent(failed('FORBIDDEN', false))).toBe(false);
  });
});
