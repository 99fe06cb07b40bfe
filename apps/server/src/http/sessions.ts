import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CreateSessionBody, HavenError, SessionQuery } from '@haven/protocol';
import type { Session } from '@haven/db';
import { authorize } from '../plugins/auth.js';
import { sessionStaff } from '../signaling/clinic-directory.js';
import type { Action } from '../rooms/policy.js';
import { idParam, parse } from './errors.js';
import { changeAudited } from './audit-helper.js';

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

/** Sessions: listed for their staff, created by admins. */
export async function sessionRoutes(app: FastifyInstance): Promise<void> {
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
    const session = await changeAudited(
      app,
      request,
      principal,
      'session.create',
      (tx) =>
        tx.sessions.create({
          kind: body.kind,
          programId: body.programId,
          groupId: body.groupId ?? null,
          patientId: body.patientId ?? null,
          leadClinicianId: body.leadClinicianId,
          title: body.title,
          startsAt: body.startsAt,
          durationMinutes: body.durationMinutes,
          e2ee: body.e2ee ?? false,
        }),
      (session) => ({ target: { type: 'session', id: session.id } }),
    );
    return reply.status(201).send({ ok: true, data: session });
  });

  app.get('/api/sessions/:id', async (request) => {
    const { session } = await authorizeSession(app, request, 'session.list', idParam(request));
    return { ok: true, data: session };
  });
}
