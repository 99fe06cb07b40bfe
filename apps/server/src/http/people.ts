import type { FastifyInstance } from 'fastify';
import {
  CreatePatientBody,
  CreateStaffBody,
  HavenError,
  PatientsQuery,
  UpdatePatientBody,
  UpdateStaffBody,
} from '@haven/protocol';
import { authorize } from '../plugins/auth.js';
import { hashPassword } from '../auth/passwords.js';
import { idParam, parse } from './errors.js';
import { audited, changeAudited } from './audit-helper.js';
import { publicUser } from './auth.js';
import { channels } from '../signaling/types.js';
import { patientStaff } from '../signaling/clinic-directory.js';

/** Staff and patients: admins manage both; clinicians may read their own patients. */
export async function peopleRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;

  app.get('/api/staff', async (request) => {
    authorize(request, 'staff.manage');
    return { ok: true, data: (await db.staff.list()).map(publicUser) };
  });

  app.post('/api/staff', async (request, reply) => {
    const principal = authorize(request, 'staff.manage');
    const body = parse(CreateStaffBody, request.body);
    const passwordHash = await hashPassword(body.password);
    const user = await changeAudited(
      app,
      request,
      principal,
      'staff.create',
      (tx) =>
        tx.staff.create({
          email: body.email,
          displayName: body.displayName,
          role: body.role,
          passwordHash,
        }),
      (user) => ({ target: { type: 'staff', id: user.id }, details: { role: user.role } }),
    );
    return reply.status(201).send({ ok: true, data: publicUser(user) });
  });

  app.patch('/api/staff/:id', async (request) => {
    const principal = authorize(request, 'staff.manage');
    const body = parse(UpdateStaffBody, request.body);
    const id = idParam(request);
    const before = await db.staff.byId(id);
    if (!before) throw new HavenError('NOT_FOUND', 'No such staff member.');
    const { password, active, ...rest } = body;
    // Hashed before the transaction opens, so that slow work holds no lock.
    const passwordHash = password ? await hashPassword(password) : undefined;
    // The account, its active flag, the revocation of its sign-ins and the audit entry
    // land together or not at all. A new password ends the sign-ins made with the old one.
    const user = await db.transaction(async (tx) => {
      const updated = await tx.staff.update(id, {
        ...rest,
        ...(passwordHash ? { passwordHash } : {}),
      });
      if (active === false || passwordHash) await tx.refreshTokens.revokeAllForUser(id);
      const done = active === undefined ? updated : await tx.staff.setActive(id, active);
      await audited(
        app,
        request,
        principal,
        'staff.update',
        { type: 'staff', id },
        { fields: Object.keys(body) },
        tx,
      );
      return done;
    });
    // Open connections were let in under the old account: a deactivated one, one whose
    // role changed or one whose password changed is closed now, on every node (its tokens
    // are refused from the next request on).
    if (!user.active || user.role !== before.role || passwordHash)
      app.io.in(channels.user(id)).disconnectSockets(true);
    return { ok: true, data: publicUser(user) };
  });

  app.get('/api/patients', async (request) => {
    // Everyone's records: those who may read any patient's (admins).
    const principal = authorize(request, 'patient.read', null);
    const { fields } = parse(PatientsQuery, request.query);
    const patients = await db.patients.list();
    await audited(app, request, principal, 'patient.list', null, {
      count: patients.length,
      ...(fields ? { fields } : {}),
    });
    // A picker needs names, not legal names, contacts or emergency details.
    const data = fields
      ? patients.map(({ id, displayName, active }) => ({ id, displayName, active }))
      : patients;
    return { ok: true, data };
  });

  app.get('/api/patients/:id', async (request) => {
    authorize(request, 'patient.read');
    const patient = await db.patients.byId(idParam(request));
    if (!patient) throw new HavenError('NOT_FOUND', 'No such patient.');
    // A clinician reads the records of their own patients only.
    const principal = authorize(request, 'patient.read', {
      sessionId: `patient:${patient.id}`,
      staffIds: await patientStaff(db, patient.id),
    });
    await audited(app, request, principal, 'patient.view', { type: 'patient', id: patient.id });
    return { ok: true, data: patient };
  });

  app.post('/api/patients', async (request, reply) => {
    const principal = authorize(request, 'patient.manage');
    const body = parse(CreatePatientBody, request.body);
    const patient = await changeAudited(
      app,
      request,
      principal,
      'patient.create',
      (tx) => tx.patients.create(body),
      (patient) => ({ target: { type: 'patient', id: patient.id } }),
    );
    return reply.status(201).send({ ok: true, data: patient });
  });

  app.patch('/api/patients/:id', async (request) => {
    const principal = authorize(request, 'patient.manage');
    const body = parse(UpdatePatientBody, request.body);
    const id = idParam(request);
    if (!(await db.patients.byId(id))) throw new HavenError('NOT_FOUND', 'No such patient.');
    const patient = await changeAudited(
      app,
      request,
      principal,
      'patient.update',
      (tx) => tx.patients.update(id, body),
      () => ({ target: { type: 'patient', id }, details: { fields: Object.keys(body) } }),
    );
    return { ok: true, data: patient };
  });
}
