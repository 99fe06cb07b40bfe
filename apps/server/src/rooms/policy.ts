import type { Role } from '@haven/protocol';
import type { Principal } from '../auth/principal.js';
import { roleOf } from '../auth/principal.js';

/**
 * The one place that decides who may do what. Deny by default: an action missing
 * from the table, or a scope that does not match, is refused. HTTP routes and socket
 * handlers both ask `can()` before they touch anything.
 */
export const ACTIONS = [
  'session.join',
  'session.moderate',
  'session.invite',
  'session.list',
  'session.manage',
  'staff.manage',
  'patient.read',
  'patient.manage',
  'program.manage',
  'group.manage',
  'attendance.read',
  'attendance.export',
  'attendance.signoff',
  'attendance.correct',
  'audit.read',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * - `any`: every principal of that role.
 * - `facilitated`: staff of the session's group (lead or co-facilitator) or the session's lead;
 *   for a patient's records, staff of a group they are or were in or of their own sessions;
 *   for a list of everyone, nobody.
 * - `ownSession`: a patient's token is scoped to this very session.
 * - `never`: refused whatever the target.
 */
export type Scope = 'any' | 'facilitated' | 'ownSession' | 'never';

export const POLICY = {
  'session.join': { patient: 'ownSession', clinician: 'facilitated', admin: 'facilitated' },
  'session.moderate': { patient: 'never', clinician: 'facilitated', admin: 'facilitated' },
  'session.invite': { patient: 'never', clinician: 'facilitated', admin: 'any' },
  'session.list': { patient: 'never', clinician: 'any', admin: 'any' },
  'session.manage': { patient: 'never', clinician: 'never', admin: 'any' },
  'staff.manage': { patient: 'never', clinician: 'never', admin: 'any' },
  'patient.read': { patient: 'never', clinician: 'facilitated', admin: 'any' },
  'patient.manage': { patient: 'never', clinician: 'never', admin: 'any' },
  'program.manage': { patient: 'never', clinician: 'never', admin: 'any' },
  'group.manage': { patient: 'never', clinician: 'never', admin: 'any' },
  'attendance.read': { patient: 'never', clinician: 'facilitated', admin: 'any' },
  'attendance.export': { patient: 'never', clinician: 'never', admin: 'any' },
  'attendance.signoff': { patient: 'never', clinician: 'facilitated', admin: 'never' },
  'attendance.correct': { patient: 'never', clinician: 'facilitated', admin: 'any' },
  'audit.read': { patient: 'never', clinician: 'never', admin: 'any' },
} as const satisfies Record<Action, Record<Role, Scope>>;

/** Facts about a session that scopes are checked against. */
export interface SessionTarget {
  sessionId: string;
  /** Lead clinician and co-facilitators of the session (and of its group). */
  staffIds: readonly string[];
}

export type Target = SessionTarget | null;

/**
 * A development token opens its own ad hoc room and nothing else: whatever role it
 * names, it reads and changes none of the clinic's records.
 */
const DEV_ACTIONS: ReadonlySet<Action> = new Set(['session.join', 'session.moderate']);

function scopeOf(principal: Principal, action: Action): Scope {
  if (principal.kind === 'dev' && !DEV_ACTIONS.has(action)) return 'never';
  return POLICY[action][roleOf(principal)];
}

/** Whether the role may ever do the action: checked before any lookup of the target. */
export function mayEver(principal: Principal, action: Action): boolean {
  return scopeOf(principal, action) !== 'never';
}

export function can(principal: Principal, action: Action, target: Target): boolean {
  const scope = scopeOf(principal, action);
  switch (scope) {
    case 'never':
      return false;
    case 'any':
      return true;
    case 'ownSession':
      return (
        target !== null && principal.kind !== 'staff' && principal.sessionId === target.sessionId
      );
    case 'facilitated':
      if (target === null) return false;
      if (principal.kind === 'dev') return principal.sessionId === target.sessionId;
      return principal.kind === 'staff' && target.staffIds.includes(principal.userId);
  }
}
