import type { Database } from '@haven/db';
import { HavenError } from '@haven/protocol';
import type { Principal } from '../auth/principal.js';
import type { Ledger } from '../attendance/ledger.js';
import type { SessionDirectory } from './directory.js';

/** A group's lead clinician and co-facilitators; nobody for a group that does not exist. */
export async function groupStaff(db: Database, groupId: string): Promise<string[]> {
  const group = await db.groups.byId(groupId);
  if (!group) return [];
  return [group.leadClinicianId, ...(await db.groups.facilitatorsOf(groupId))];
}

/** Everyone who may lead or co-facilitate a session: its lead, its group's lead and co-facilitators. */
export async function sessionStaff(
  db: Database,
  session: { leadClinicianId: string; groupId: string | null },
) {
  const ids = new Set([session.leadClinicianId]);
  if (session.groupId) for (const id of await groupStaff(db, session.groupId)) ids.add(id);
  return [...ids];
}

/**
 * Those who work with a group's patients: its lead and co-facilitators, and whoever leads
 * one of its sessions (a substitute for an evening invites that evening's patients).
 */
export async function groupTeam(db: Database, groupId: string): Promise<string[]> {
  const ids = new Set(await groupStaff(db, groupId));
  const sessions = await db.sessions.list({ from: 0, to: Number.MAX_SAFE_INTEGER, groupId });
  for (const s of sessions) ids.add(s.leadClinicianId);
  return [...ids];
}

/**
 * Everyone who treats a patient: the team of every group they are or were enrolled in,
 * and the leads of their individual sessions. Clinicians read only their own patients.
 */
export async function patientStaff(db: Database, patientId: string): Promise<string[]> {
  const ids = new Set<string>();
  for (const { groupId } of await db.groups.enrollmentsOf(patientId))
    for (const id of await groupTeam(db, groupId)) ids.add(id);
  const individual = await db.sessions.list({ from: 0, to: Number.MAX_SAFE_INTEGER, patientId });
  for (const s of individual) ids.add(s.leadClinicianId);
  return [...ids];
}

function patientOf(principal: Principal): string {
  if (principal.kind !== 'patient') throw new HavenError('FORBIDDEN', 'Only patients check in.');
  return principal.patientId;
}

/** A group's setting covers every one of its sessions, those made before it was set too. */
async function groupAsksE2ee(db: Database, groupId: string | null): Promise<boolean> {
  if (!groupId) return false;
  return (await db.groups.byId(groupId))?.e2ee ?? false;
}

/** The clinic's sessions, as the signaling layer sees them. */
export function clinicDirectory(db: Database, ledger: Ledger): SessionDirectory {
  return {
    async resolve(sessionId) {
      const session = await db.sessions.byId(sessionId);
      if (!session) throw new HavenError('NOT_FOUND', 'No such session.');
      if (session.status === 'ended')
        throw new HavenError('SESSION_ENDED', 'This session has ended.');
      return {
        info: {
          sessionId,
          title: session.title,
          waitingRoom: true,
          e2ee: session.e2ee || (await groupAsksE2ee(db, session.groupId)),
        },
        target: { sessionId, staffIds: await sessionStaff(db, session) },
        staff: async () => {
          const now = await db.sessions.byId(sessionId);
          return { sessionId, staffIds: now ? await sessionStaff(db, now) : [] };
        },
        ledger,
        status: {
          setStatus: async (id, status, at, reason) => {
            await db.sessions.setStatus(id, status, at, reason);
          },
        },
      };
    },

    async admissionCheck(principal, sessionId) {
      if (principal.kind !== 'patient') return;
      const invite = await db.invites.byId(principal.inviteId);
      if (!invite || invite.patientId !== principal.patientId || invite.revokedAt !== null) {
        throw new HavenError(
          'INVITE_INVALID',
          'This invitation link is no longer valid. Please ask your clinic for a new one.',
        );
      }
      const removal = await db.removals.latestFor(sessionId, principal.patientId);
      if (removal && invite.createdAt <= removal.at) {
        throw new HavenError(
          'REMOVED',
          'You were removed from this session. Please contact your clinician.',
        );
      }
    },

    async saveCheckIn(principal, sessionId, checkIn, at) {
      const record = await db.checkIns.add({
        sessionId,
        patientId: patientOf(principal),
        answers: checkIn,
        at,
      });
      return record.id;
    },

    async latestCheckIn(principal, sessionId) {
      const record = await db.checkIns.latestFor(sessionId, patientOf(principal));
      return record ? { id: record.id, checkIn: record.answers } : null;
    },

    async recordRemoval(sessionId, patientId, removedBy, reason, at) {
      await db.removals.add({ sessionId, patientId, removedBy, reason, at });
    },
  };
}
