import { HavenError } from '@haven/protocol';
import type { Database } from '@haven/db';
import type { Principal } from './principal.js';

/**
 * A staff member's token holds only while their account does: a deactivated account
 * stops at its next request or connection, not when its token expires, and a changed
 * role or password needs a new sign-in. Patients' links and development tokens carry
 * their own limits, checked where they are used.
 *
 * A password change is told by the version the token carries, not by comparing its
 * signing time with the change's: a token's time has a resolution of a second, and the
 * nodes' clocks may differ by more than that.
 */
export async function confirmAccount(db: Database, principal: Principal): Promise<void> {
  if (principal.kind !== 'staff') return;
  const account = await db.staff.byId(principal.userId);
  if (!account?.active) throw new HavenError('UNAUTHENTICATED', 'This account is not active.');
  if (account.role !== principal.role)
    throw new HavenError('TOKEN_EXPIRED', 'Your role has changed. Please sign in again.');
  if (account.passwordVersion !== principal.passwordVersion)
    throw new HavenError('TOKEN_EXPIRED', 'Your password has changed. Please sign in again.');
}
