import { HavenError } from '@haven/protocol';
import type { Database } from '@haven/db';
import type { Principal } from './principal.js';

/**
 * A staff member's token holds only while their account does: a deactivated account
 * stops at its next request or connection, not when its token expires, and a changed
 * role needs a new sign-in. Patients' links and development tokens carry their own
 * limits, checked where they are used.
 */
export async function confirmAccount(db: Database, principal: Principal): Promise<void> {
  if (principal.kind !== 'staff') return;
  const account = await db.staff.byId(principal.userId);
  if (!account?.active) throw new HavenError('UNAUTHENTICATED', 'This account is not active.');
  if (account.role !== principal.role)
    throw new HavenError('TOKEN_EXPIRED', 'Your role has changed. Please sign in again.');
}
