import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  CreateInviteBody,
  CreateSessionBody,
  ExchangeInviteBody,
  HavenError,
  SessionQuery,
} from '@haven/protocol';
import type { Session } from '@haven/db';
import { authorize } from '../plugins/auth.js';
import { createInvite, exchangeInvite, inviteUrl } from '../auth/invites.js';
import { sessionStaff } from '../signaling/clinic-directory.js';
import type { Action } from '../rooms/policy.js';
import { parse } from './errors.js';

const DAY = 86_400_000;

/** Loads a session after the role check, then checks the principal against it. */
export async function authorizeSession(
  app: FastifyInstance,
  request: FastifyRequest,
  action: Action,
  sessionId: string,
) {
  authorize(request, action);
  const session = await app.db.sessions.byId(sessionId);
  if (!session) throw new HavenError('NOT_FOUND', 'No such session.');
  const principal = authorize(request, action, {
    sessionId,
    staffIds: await sessionStaff(app.db, session),
  });
  return { session, principal };
}

async function authorizeGroupInvite(
  app: FastifyInstance,
  request: FastifyRequest,
  groupId: string,
) {
  const group = await app.db.groups.byId(groupId);
  if (!group) throw new HavenError('NOT_FOUND', 'No such group.');
  const staffIds = [group.leadClinicianId, ...(await app.db.groups.facilitatorsOf(group.id))];
  return authorize(request, 'session.invite', { sessionId: `group:${group.id}`, staffIds });
}

const IdParam = (request: FastifyRequest): string => {
  const id = (request.params as { id?: unknown }).id;
  if (typeof id !== 'string' || id.length === 0 || id.length > 64)
    throw new HavenError('BAD_REQUEST', 'Invalid id.');
  return id;
};

export async function sessionRoutes(
  app: FastifyInstance,
  opts: { publicBase: (r: FastifyRequest) => string },
) {
  const { db, clinic } = app;

  app.get('/api/sessions', async (request) => {
    const principal = authorize(request, 'session.list');
    const q = parse(SessionQuery, request.query);
    const mine =
      principal.kind === 'staff' && (principal.role === 'clinician' || q.mine !== undefined);
    const now = clinic.clock();
    const sessions = await db.sessions.list({
      from: q.from ?? now - DAY,
      to: q.to ?? now + 14 * DAY,
      ...(q.groupId ? { groupId: q.groupId } : {}),
      ...(q.status ? { status: q.status } : {}),
    });
    if (!mine || principal.kind !== 'staff') return { ok: true, data: sessions };
    const visible: Session[] = [];
    for (const s of sessions)
      if ((await sessionStaff(db, s)).includes(principal.userId)) visible.push(s);
    return { ok: true, data: visible };
  });

  app.post('/api/sessions', async (request, reply) => {
    const principal = authorize(request, 'session.manage');
    const body = parse(CreateSessionBody, request.body);
    const session = await db.sessions.create({
      kind: body.kind,
      programId: body.programId,
      groupId: body.groupId ?? null,
      patientId: body.patientId ?? null,
      leadClinicianId: body.leadClinicianId,
      title: body.title,
      startsAt: body.startsAt,
      durationMinutes: body.durationMinutes,
    });
    await clinic.audit.append({
      actorId: principal.kind === 'staff' ? principal.userId : null,
      actorRole: 'admin',
      action: 'session.create',
      targetType: 'session',
      targetId: session.id,
      requestId: request.id,
    });
    return reply.status(201).send({ ok: true, data: session });
  });

  app.get('/api/sessions/:id', async (request) => {
    const { session } = await authorizeSession(app, request, 'session.list', IdParam(request));
    return { ok: true, data: session };
  });

  app.post('/api/sessions/:id/invites', async (request, reply) => {
    const { session, principal } = await authorizeSession(
      app,
      request,
      'session.invite',
      IdParam(request),
    );
    const body = parse(CreateInviteBody, request.body);
    if (session.status === 'ended')
      throw new HavenError('SESSION_ENDED', 'This session has ended.');
    const patient = await db.patients.byId(body.patientId);
    if (!patient) throw new HavenError('NOT_FOUND', 'No such patient.');
    if (session.kind === 'individual' && session.patientId !== patient.id) {
      throw new HavenError('CONFLICT', 'This individual session is for another patient.');
    }
    if (session.kind === 'group' && session.groupId) {
      const enrolled = await db.groups.enrolledPatients(session.groupId);
      if (!enrolled.some((e) => e.patient.id === patient.id)) {
        throw new HavenError('CONFLICT', 'This patient is not enrolled in the group.');
      }
    }
    const actorId = principal.kind === 'staff' ? principal.userId : 'unknown';
    const { invite, code } = await createInvite(db, {
      patientId: patient.id,
      sessionId: session.id,
      createdBy: actorId,
      expiresInHours: body.expiresInHours,
      now: clinic.clock(),
    });
    await clinic.audit.append({
      actorId,
      actorRole: principal.kind === 'staff' ? principal.role : null,
      action: 'invite.create',
      targetType: 'patient',
      targetId: patient.id,
      requestId: request.id,
      details: { sessionId: session.id, inviteId: invite.id },
    });
    return reply.status(201).send({
      ok: true,
      data: {
        inviteId: invite.id,
        url: inviteUrl(opts.publicBase(request), code),
        expiresAt: invite.expiresAt,
      },
    });
  });

  /** A link valid for a group's sessions: the patient uses the same link every meeting until it expires. */
  app.post('/api/groups/:id/invites', async (request, reply) => {
    authorize(request, 'session.invite');
    const group = await db.groups.byId(IdParam(request));
    if (!group) throw new HavenError('NOT_FOUND', 'No such group.');
    const staffIds = [group.leadClinicianId, ...(await db.groups.facilitatorsOf(group.id))];
    const principal = authorize(request, 'session.invite', {
      sessionId: `group:${group.id}`,
      staffIds,
    });
    const body = parse(CreateInviteBody, request.body);
    const enrolled = await db.groups.enrolledPatients(group.id);
    if (!enrolled.some((e) => e.patient.id === body.patientId)) {
      throw new HavenError('CONFLICT', 'This patient is not enrolled in the group.');
    }
    const actorId = principal.kind === 'staff' ? principal.userId : 'unknown';
    const { invite, code } = await createInvite(db, {
      patientId: body.patientId,
      groupId: group.id,
      createdBy: actorId,
      expiresInHours: body.expiresInHours,
      now: clinic.clock(),
    });
    await clinic.audit.append({
      actorId,
      actorRole: principal.kind === 'staff' ? principal.role : null,
      action: 'invite.create',
      targetType: 'patient',
      targetId: body.patientId,
      requestId: request.id,
      details: { groupId: group.id, inviteId: invite.id },
    });
    return reply.status(201).send({
      ok: true,
      data: {
        inviteId: invite.id,
        url: inviteUrl(opts.publicBase(request), code),
        expiresAt: invite.expiresAt,
      },
    });
  });

  app.delete('/api/invites/:id', async (request) => {
    authorize(request, 'session.invite');
    const invite = await db.invites.byId(IdParam(request));
    if (!invite) throw new HavenError('NOT_FOUND', 'No such invitation.');
    const principal = invite.sessionId
      ? (await authorizeSession(app, request, 'session.invite', invite.sessionId)).principal
      : await authorizeGroupInvite(app, request, invite.groupId ?? '');
    await db.invites.revoke(invite.id);
    await clinic.audit.append({
      actorId: principal.kind === 'staff' ? principal.userId : null,
      actorRole: principal.kind === 'staff' ? principal.role : null,
      action: 'invite.revoke',
      targetType: 'invite',
      targetId: invite.id,
      requestId: request.id,
    });
    return { ok: true, data: {} };
  });

  /** A patient's link, traded for a token scoped to one session. No sign-in needed. */
  app.post('/api/invites/exchange', async (request) => {
    const { code } = parse(ExchangeInviteBody, request.body);
    return { ok: true, data: await exchangeInvite(db, app.tokens, code, clinic.clock()) };
  });
}
