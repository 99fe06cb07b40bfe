import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CreateInviteBody, ExchangeInviteBody, HavenError } from '@haven/protocol';
import type { Database } from '@haven/db';
import { authorize } from '../plugins/auth.js';
import type { Principal } from '../auth/principal.js';
import { createInvite, enrolledInGroup, exchangeInvite, inviteUrl } from '../auth/invites.js';
import { authorizeSession } from './sessions.js';
import { groupStaff } from '../signaling/clinic-directory.js';
import { idParam, parse } from './errors.js';
import { changeAudited } from './audit-helper.js';

/** Refuses a patient not enrolled in the group at `at` (or, with `orLater`, from then on). */
async function requireEnrolled(
  db: Database,
  groupId: string,
  patientId: string,
  at: number,
  orLater = false,
): Promise<void> {
  if (!(await enrolledInGroup(db, groupId, patientId, at, orLater))) {
    throw new HavenError('CONFLICT', 'This patient is not enrolled in the group.');
  }
}

/** The group's staff decide on group-wide links; the target names the group. */
async function authorizeGroup(app: FastifyInstance, request: FastifyRequest, groupId: string) {
  authorize(request, 'session.invite');
  const group = await app.db.groups.byId(groupId);
  if (!group) throw new HavenError('NOT_FOUND', 'No such group.');
  const staffIds = await groupStaff(app.db, group.id);
  return {
    group,
    principal: authorize(request, 'session.invite', { sessionId: `group:${group.id}`, staffIds }),
  };
}

/**
 * Invite links: bound to one patient and one session, or to a group's sessions;
 * expiring and revocable. Patients trade them for a session-scoped token.
 */
export async function inviteRoutes(
  app: FastifyInstance,
  opts: { publicBase: (r: FastifyRequest) => string },
) {
  const { db, clinic } = app;

  async function issue(
    request: FastifyRequest,
    principal: Principal,
    patientId: string,
    scope: { sessionId: string } | { groupId: string },
    expiresInHours: number,
  ) {
    if (principal.kind !== 'staff')
      throw new HavenError('FORBIDDEN', 'Only staff invite patients.');
    const createdBy = principal.userId;
    const { invite, code } = await changeAudited(
      app,
      request,
      principal,
      'invite.create',
      (tx) =>
        createInvite(tx, { patientId, ...scope, createdBy, expiresInHours, now: clinic.clock() }),
      ({ invite }) => ({
        target: { type: 'patient', id: patientId },
        details: { ...scope, inviteId: invite.id },
      }),
    );
    return {
      inviteId: invite.id,
      url: inviteUrl(opts.publicBase(request), code),
      expiresAt: invite.expiresAt,
    };
  }

  app.post('/api/sessions/:id/invites', async (request, reply) => {
    const { session, principal } = await authorizeSession(
      app,
      request,
      'session.invite',
      idParam(request),
    );
    const body = parse(CreateInviteBody, request.body);
    if (session.status === 'ended')
      throw new HavenError('SESSION_ENDED', 'This session has ended.');
    if (!(await db.patients.byId(body.patientId)))
      throw new HavenError('NOT_FOUND', 'No such patient.');
    if (session.kind === 'individual' && session.patientId !== body.patientId) {
      throw new HavenError('CONFLICT', 'This individual session is for another patient.');
    }
    if (session.groupId)
      await requireEnrolled(db, session.groupId, body.patientId, session.startsAt);
    const issued = await issue(
      request,
      principal,
      body.patientId,
      { sessionId: session.id },
      body.expiresInHours,
    );
    // The message to the patient gives the session's time in the program's zone, named.
    const timeZone = (await db.programs.byId(session.programId))?.timeZone ?? null;
    return reply.status(201).send({ ok: true, data: { ...issued, timeZone } });
  });

  /** A link valid for a group's sessions: the patient uses the same link every meeting until it expires. */
  app.post('/api/groups/:id/invites', async (request, reply) => {
    const { group, principal } = await authorizeGroup(app, request, idParam(request));
    const body = parse(CreateInviteBody, request.body);
    await requireEnrolled(db, group.id, body.patientId, clinic.clock(), true);
    const data = await issue(
      request,
      principal,
      body.patientId,
      { groupId: group.id },
      body.expiresInHours,
    );
    return reply.status(201).send({ ok: true, data });
  });

  app.delete('/api/invites/:id', async (request) => {
    authorize(request, 'session.invite');
    const invite = await db.invites.byId(idParam(request));
    if (!invite) throw new HavenError('NOT_FOUND', 'No such invitation.');
    const { principal } = invite.sessionId
      ? await authorizeSession(app, request, 'session.invite', invite.sessionId)
      : await authorizeGroup(app, request, invite.groupId ?? '');
    await changeAudited(
      app,
      request,
      principal,
      'invite.revoke',
      (tx) => tx.invites.revoke(invite.id),
      () => ({ target: { type: 'invite', id: invite.id } }),
    );
    return { ok: true, data: {} };
  });

  /** A patient's link, traded for a token scoped to one session. No sign-in needed. */
  app.post('/api/invites/exchange', async (request) => {
    const { code } = parse(ExchangeInviteBody, request.body);
    return { ok: true, data: await exchangeInvite(db, app.tokens, code, clinic.clock()) };
  });
}
