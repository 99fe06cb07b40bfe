import type { Role, StaffRole } from '@haven/protocol';

/**
 * Who is asking, as established from a verified token. Every permission decision
 * starts from one of these; nothing a client sends in a payload can change it.
 */
export type Principal =
  | {
      kind: 'staff';
      userId: string;
      role: StaffRole;
      displayName: string;
      /** The account's password version when the token was signed. */
      passwordVersion: number;
    }
  | { kind: 'patient'; patientId: string; sessionId: string; inviteId: string; displayName: string }
  /** Development-mode only: an ad hoc room without the clinic model. */
  | {
      kind: 'dev';
      userId: string;
      role: 'clinician' | 'patient';
      sessionId: string;
      displayName: string;
    };

export const roleOf = (p: Principal): Role => (p.kind === 'patient' ? 'patient' : p.role);

/** The stable id of the person behind a principal, used for one attendance row per person. */
export const subjectIdOf = (p: Principal): string =>
  p.kind === 'patient' ? p.patientId : p.userId;
