import type { FastifyInstance } from 'fastify';
import {
  CreateGroupBody,
  CreateProgramBody,
  EnrollBody,
  EnrollmentsQuery,
  GenerateSessionsBody,
  HavenError,
  SetFacilitatorsBody,
  UnenrollBody,
  UpdateGroupBody,
  UpdateProgramBody,
} from '@haven/protocol';
import { dateInZone } from '@haven/db';
import { authorize } from '../plugins/auth.js';
import { groupTeam } from '../signaling/clinic-directory.js';
import { idParam, parse } from './errors.js';
import { audited, changeAudited } from './audit-helper.js';

/** Programs, their groups, facilitators, enrollments and schedules: admins only. */
export async function programRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;

  const requireGroup = async (id: string) => {
    const group = await db.groups.byId(id);
    if (!group) throw new HavenError('NOT_FOUND', 'No such group.');
    return group;
  };

  app.get('/api/programs', async (request) => {
    authorize(request, 'session.list');
    return { ok: true, data: await db.programs.list() };
  });

  app.post('/api/programs', async (request, reply) => {
    const principal = authorize(request, 'program.manage');
    const body = parse(CreateProgramBody, request.body);
    const program = await changeAudited(
      app,
      request,
      principal,
      'program.create',
      (tx) => tx.programs.create(body),
      (program) => ({ target: { type: 'program', id: program.id } }),
    );
    return reply.status(201).send({ ok: true, data: program });
  });

  app.patch('/api/programs/:id', async (request) => {
    const principal = authorize(request, 'program.manage');
    const body = parse(UpdateProgramBody, request.body);
    const id = idParam(request);
    if (!(await db.programs.byId(id))) throw new HavenError('NOT_FOUND', 'No such program.');
    const program = await changeAudited(
      app,
      request,
      principal,
      'program.update',
      (tx) => tx.programs.update(id, body),
      () => ({ target: { type: 'program', id }, details: { fields: Object.keys(body) } }),
    );
    return { ok: true, data: program };
  });

  app.get('/api/groups', async (request) => {
    authorize(request, 'session.list');
    const groups = await db.groups.list();
    const withStaff = await Promise.all(
      groups.map(async (g) => ({ ...g, facilitatorIds: await db.groups.facilitatorsOf(g.id) })),
    );
    return { ok: true, data: withStaff };
  });

  app.post('/api/groups', async (request, reply) => {
    const principal = authorize(request, 'group.manage');
    const body = parse(CreateGroupBody, request.body);
    const group = await changeAudited(
      app,
      request,
      principal,
      'group.create',
      (tx) => tx.groups.create(body),
      (group) => ({ target: { type: 'group', id: group.id } }),
    );
    return reply.status(201).send({ ok: true, data: group });
  });

  app.patch('/api/groups/:id', async (request) => {
    const principal = authorize(request, 'group.manage');
    const body = parse(UpdateGroupBody, request.body);
    const id = idParam(request);
    await requireGroup(id);
    const group = await changeAudited(
      app,
      request,
      principal,
      'group.update',
      (tx) => tx.groups.update(id, body),
      () => ({ target: { type: 'group', id }, details: { fields: Object.keys(body) } }),
    );
    return { ok: true, data: group };
  });

  app.put('/api/groups/:id/facilitators', async (request) => {
    const principal = authorize(request, 'group.manage');
    const { userIds } = parse(SetFacilitatorsBody, request.body);
    const id = idParam(request);
    await requireGroup(id);
    const ids = await changeAudited(
      app,
      request,
      principal,
      'group.set_facilitators',
      (tx) => tx.groups.setFacilitators(id, userIds),
      (ids) => ({ target: { type: 'group', id }, details: { userIds: ids } }),
    );
    return { ok: true, data: ids };
  });

  app.get('/api/groups/:id/enrollments', async (request) => {
    authorize(request, 'patient.read');
    const id = idParam(request);
    const { ended } = parse(EnrollmentsQuery, request.query);
    const group = await requireGroup(id);
    // A group's patients, for its team (and admins).
    const principal = authorize(request, 'patient.read', {
      sessionId: `group:${id}`,
      staffIds: await groupTeam(db, id),
    });
    const all = await db.groups.enrollmentsOfGroups([id]);
    // Current: not ended by today in the group's zone (a planned discharge is still current).
    const today = dateInZone(app.clinic.clock(), group.timeZone);
    const enrolled = ended ? all : all.filter((e) => e.endDate === null || e.endDate >= today);
    // A list of patients like /api/patients, narrowed to the group it names.
    await audited(
      app,
      request,
      principal,
      'patient.list',
      { type: 'group', id },
      { count: enrolled.length },
    );
    return { ok: true, data: enrolled };
  });

  app.post('/api/groups/:id/enrollments', async (request, reply) => {
    const principal = authorize(request, 'group.manage');
    const body = parse(EnrollBody, request.body);
    const id = idParam(request);
    await requireGroup(id);
    const enrollment = await changeAudited(
      app,
      request,
      principal,
      'group.enroll',
      (tx) => tx.groups.enroll(id, body.patientId, body.startDate),
      () => ({
        target: { type: 'patient', id: body.patientId },
        details: { groupId: id },
      }),
    );
    return reply.status(201).send({ ok: true, data: enrollment });
  });

  app.post('/api/groups/:id/enrollments/:patientId/end', async (request) => {
    const principal = authorize(request, 'group.manage');
    const { endDate } = parse(UnenrollBody, request.body);
    const id = idParam(request);
    const patientId = idParam(request, 'patientId');
    const group = await requireGroup(id);
    // A discharge planned for a later day may be moved; one that has passed may not.
    const today = dateInZone(app.clinic.clock(), group.timeZone);
    const enrollment = await changeAudited(
      app,
      request,
      principal,
      'group.unenroll',
      (tx) => tx.groups.unenroll(id, patientId, endDate, today),
      () => ({ target: { type: 'patient', id: patientId }, details: { groupId: id } }),
    );
    return { ok: true, data: enrollment };
  });

  app.post('/api/groups/:id/sessions', async (request, reply) => {
    const principal = authorize(request, 'session.manage');
    const { from, to } = parse(GenerateSessionsBody, request.body);
    const id = idParam(request);
    await requireGroup(id);
    const created = await changeAudited(
      app,
      request,
      principal,
      'group.generate_sessions',
      (tx) => tx.sessions.generateFromSchedule(id, from, to),
      (created) => ({
        target: { type: 'group', id },
        details: { from, to, created: created.length },
      }),
    );
    return reply.status(201).send({ ok: true, data: created });
  });
}
