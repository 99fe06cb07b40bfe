import { dateInZone, type Database, type Invite, type Session } from '@haven/db';
import { HavenError } from '@haven/protocol';
import { hashSecret, newSecret } from './secrets.js';
import type { TokenService } from './tokens.js';

const HOUR = 3600_000;
const INVALID = 'This invitation link is not valid any more. Please ask your clinic for a new one.';

/** The link a patient opens: the code travels in the fragment, so it never reaches a server log. */
export const inviteUrl = (base: string, code: string): string =>
  `${base.replace(/\/$/, '')}/join#${code}`;

export async function createInvite(
  db: Pick<Database, 'invites'>,
  input: {
    patientId: string;
    sessionId?: string;
    groupId?: string;
    createdBy: string;
    expiresInHours: number;
    now: number;
  },
): Promise<{ invite: Invite; code: string }> {
  const code = newSecret();
  const invite = await db.invites.create({
    tokenHash: hashSecret(code),
    patientId: input.patientId,
    sessionId: input.sessionId ?? null,
    groupId: input.groupId ?? null,
    createdBy: input.createdBy,
    expiresAt: input.now + input.expiresInHours * HOUR,
  });
  return { invite, code };
}

/**
 * Whether the patient is enrolled in the group on the date of instant `at` in the group's
 * zone, or, with `orLater`, on that date or any after it (a link sent ahead of a start).
 */
export async function enrolledInGroup(
  db: Database,
  groupId: string,
  patientId: string,
  at: number,
  orLater = false,
): Promise<boolean> {
  const group = await db.groups.byId(groupId);
  if (!group) return false;
  const date = dateInZone(at, group.timeZone);
  const enrollments = await db.groups.enrollmentsOfGroups([groupId]);
  return enrollments.some(
    (e) =>
      e.patient.id === patientId &&
      (orLater || e.startDate <= date) &&
      (e.endDate === null || e.endDate >= date),
  );
}

/** The session a group invite opens now: today's session that has not ended, the soonest first. */
async function sessionForGroup(
  db: Database,
  groupId: string,
  now: number,
): Promise<Session | null> {
  const candidates = await db.sessions.list({
    groupId,
    from: now - 12 * HOUR,
    to: now + 12 * HOUR,
  });
  return (
    candidates
      .filter((s) => s.status !== 'ended' && s.startsAt + s.durationMinutes * 60_000 > now)
      .sort((a, b) => a.startsAt - b.startsAt)[0] ?? null
  );
}

/**
 * Trades an invite code for a session-scoped patient token. A revoked, expired,
 * unknown or removed-from link gets a clear message, never a stack trace.
 */
export async function exchangeInvite(
  db: Database,
  tokens: TokenService,
  code: string,
  now: number,
) {
  const invite = await db.invites.byTokenHash(hashSecret(code));
  if (!invite || invite.revokedAt !== null || invite.expiresAt <= now)
    throw new HavenError('INVITE_INVALID', INVALID);
  const session = invite.sessionId
    ? await db.sessions.byId(invite.sessionId)
    : await sessionForGroup(db, invite.groupId ?? '', now);
  if (!session)
    throw new HavenError(
      'NOT_FOUND',
      'There is no session for this link right now. Please check the time of your group.',
    );
  if (session.status === 'ended') throw new HavenError('SESSION_ENDED', 'This session has ended.');
  const patient = await db.patients.byId(invite.patientId);
  if (!patient || !patient.active) throw new HavenError('INVITE_INVALID', INVALID);
  // A discharge ends the group's links: the patient is no longer one of its members.
  if (
    session.groupId &&
    !(await enrolledInGroup(db, session.groupId, patient.id, session.startsAt))
  )
    throw new HavenError('INVITE_INVALID', INVALID);
  const removal = await db.removals.latestFor(session.id, patient.id);
  if (removal && invite.createdAt <= removal.at) {
    throw new HavenError(
      'REMOVED',
      'You were removed from this session. Please contact your clinician.',
    );
  }
  const sessionEnd = session.startsAt + session.durationMinutes * 60_000;
  const ttlSeconds = Math.max(3600, Math.ceil((sessionEnd + 2 * HOUR - now) / 1000));
  const { token, expiresAt } = tokens.signPatient(
    {
      patientId: patient.id,
      sessionId: session.id,
      inviteId: invite.id,
      displayName: patient.displayName,
    },
    ttlSeconds,
  );
  return {
    token,
    expiresAt,
    inviteId: invite.id,
    session: {
      id: session.id,
      title: session.title,
      startsAt: session.startsAt,
      durationMinutes: session.durationMinutes,
    },
    patient: { displayName: patient.displayName },
  };
}
