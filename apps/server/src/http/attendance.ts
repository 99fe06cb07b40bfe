import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  DateOnly,
  HavenError,
  InstantParam,
  correctionMinutesLimit,
  correctionWindow,
  key,
  typedText,
  type SessionTimes,
} from '@haven/protocol';
import type { Database, TransactionScope } from '@haven/db';
import { authorize } from '../plugins/auth.js';
import type { Principal } from '../auth/principal.js';
import {
  loadRecords,
  recordsOfSessions,
  requireProgram,
  toProgramRow,
} from '../attendance/load.js';
import { reportRows, type ReportRow } from '../attendance/reports.js';
import { patientRange, patientWeek, programWeek, weekOf } from '../attendance/week.js';
import { rangeCsv } from '../attendance/csv.js';
import { fhirBundle } from '../attendance/fhir.js';
import { addDays, startOfDay } from '../attendance/zone.js';
import { authorizeSession } from './sessions.js';
import { idParam, parse } from './errors.js';
import { audited } from './audit-helper.js';

/**
 * Attendance reads and exports. Each one is recorded in the audit trail with who, what
 * and why: in a substance-use program an export is a disclosure.
 */
const Purpose = z.enum([
  'treatment',
  'billing',
  'audit',
  'operations',
  'patient_request',
  'court_order_with_consent',
]);
const View = z.object({ purpose: Purpose.default('treatment') });
const WEEK = 7 * 86_400_000;
const DAY = 86_400_000;

const WeekQuery = View.extend({
  at: InstantParam.optional(),
  groupId: key().optional(),
}).strict();
const RangeQuery = View.extend({
  from: DateOnly,
  to: DateOnly,
  groupId: key().optional(),
}).strict();
const ExportQuery = z
  .object({
    purpose: Purpose,
    from: InstantParam,
    to: InstantParam,
    programId: key().optional(),
    groupId: key().optional(),
    patientId: key().optional(),
  })
  .strict()
  .refine((q) => q.to > q.from && q.to - q.from <= 400 * DAY, {
    message: 'from < to, at most 400 days apart',
  })
  // A patient's consent covers that patient's records: never everyone's at once.
  .refine((q) => q.purpose !== 'court_order_with_consent' || q.patientId !== undefined, {
    message: 'a court order with consent discloses one patient: choose the patient',
  });

/**
 * The instants to read for the weeks holding [from, to]: from the start of the week of
 * `from` (up to six days before it) to the end of the week of `to`, with two days either
 * side for any time zone. At most about a year, for a program or a patient.
 */
function rangeBounds(q: { from: string; to: string }): { from: number; to: number } {
  if (q.to < q.from) throw new HavenError('BAD_REQUEST', 'The range ends before it starts.');
  const from = Date.parse(`${q.from}T00:00:00Z`) - WEEK - 2 * DAY;
  const to = Date.parse(`${q.to}T00:00:00Z`) + 2 * DAY + WEEK;
  if (to - from > 60 * WEEK)
    throw new HavenError('BAD_REQUEST', 'At most a year of weeks at a time.');
  return { from, to };
}

const SignoffBody = z.object({ note: typedText(0, 1000).optional() }).strict();
const CorrectionBody = z.discriminatedUnion('field', [
  z
    .object({
      field: z.literal('minutesPresent'),
      value: z
        .number()
        .int()
        .min(0)
        .max(24 * 60),
      reason: typedText(3, 1000),
    })
    .strict(),
  z
    .object({
      field: z.literal('presentIntervals'),
      value: z
        .array(
          z.object({ from: z.number().int(), to: z.number().int() }).refine((i) => i.to > i.from),
        )
        .min(1)
        .max(50),
      reason: typedText(3, 1000),
    })
    .strict(),
]);

/**
 * One signature per person per version of a roster: signing again is refused until a
 * correction has changed it (a double click, or a page that still showed it unsigned,
 * would otherwise add a second sign-off and audit entry for the same figures).
 */
async function checkNotSignedAlready(
  db: Pick<Database, 'signoffs' | 'corrections'>,
  sessionId: string,
  userId: string,
) {
  const [signoffs, corrections] = await Promise.all([
    db.signoffs.listForSession(sessionId),
    db.corrections.listForSession(sessionId),
  ]);
  const mine = signoffs.filter((s) => s.signedBy === userId).map((s) => s.signedAt);
  if (mine.length === 0) return;
  const changed = Math.max(-Infinity, ...corrections.map((c) => c.createdAt));
  if (Math.max(...mine) >= changed)
    throw new HavenError('CONFLICT', 'You have signed this roster; nothing has changed since.');
}

function checkWithinSession(
  intervals: readonly { from: number; to: number }[],
  session: SessionTimes,
): void {
  const { earliest, latest } = correctionWindow(session);
  if (intervals.some((i) => i.from < earliest || i.to > latest))
    throw new HavenError(
      'BAD_REQUEST',
      'Corrected presence must fall within the session, give or take two hours.',
    );
}

/** A corrected number of minutes cannot exceed the time presence may be corrected within. */
function checkMinutesWithinSession(minutes: number, session: SessionTimes): void {
  if (minutes > correctionMinutesLimit(session))
    throw new HavenError(
      'BAD_REQUEST',
      'Corrected minutes cannot exceed the session, give or take two hours.',
    );
}

/** A roster line for the screen: the corrected figures, the ledger's own, and who corrected what. */
function rosterLine(row: ReportRow) {
  return {
    stayId: row.stay.id,
    subjectId: row.stay.subjectId,
    subjectKind: row.stay.subjectKind,
    role: row.stay.role,
    displayName: row.stay.displayName,
    sessionId: row.session.id,
    sessionDate: row.sessionDate,
    summary: row.result.effective,
    original: row.result.derived,
    corrections: row.result.applied,
  };
}

async function staffNames(db: Database, ids: Iterable<string>): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const id of new Set(ids)) names[id] = (await db.staff.byId(id))?.displayName ?? 'Unknown';
  return names;
}

export async function attendanceRoutes(app: FastifyInstance): Promise<void> {
  const { db, clinic } = app;
  const record = (
    request: FastifyRequest,
    principal: Principal,
    action: string,
    target: { type: string; id: string } | null,
    details: Record<string, unknown>,
    within?: TransactionScope,
  ) => audited(app, request, principal, action, target, details, within);

  app.get('/api/attendance/sessions/:id', async (request) => {
    const { session, principal } = await authorizeSession(
      app,
      request,
      'attendance.read',
      idParam(request),
    );
    const { purpose } = parse(View.strict(), request.query);
    const program = await requireProgram(db, session.programId);
    const rows = reportRows(await recordsOfSessions(db, [session]), program, {
      now: clinic.clock(),
    });
    const signoffs = await db.signoffs.listForSession(session.id);
    const names = await staffNames(db, [
      ...signoffs.map((s) => s.signedBy),
      ...rows.flatMap((r) => r.result.applied.map((c) => c.authorId)),
    ]);
    await record(
      request,
      principal,
      'attendance.view_session',
      { type: 'session', id: session.id },
      { purpose, rows: rows.length },
    );
    return {
      ok: true,
      data: { session, program, rows: rows.map(rosterLine), signoffs, staffNames: names },
    };
  });

  app.post('/api/attendance/sessions/:id/signoff', async (request, reply) => {
    const { session, principal } = await authorizeSession(
      app,
      request,
      'attendance.signoff',
      idParam(request),
    );
    const { note } = parse(SignoffBody, request.body);
    if (session.status !== 'ended')
      throw new HavenError('INVALID_STATE', 'A roster is signed off after the session ends.');
    if (principal.kind !== 'staff') throw new HavenError('FORBIDDEN', 'Only staff sign rosters.');
    // The check, the sign-off and its audit entry in one transaction that holds the session:
    // two clicks at once make one sign-off, and never one without its entry.
    const signoff = await db.transaction(async (tx) => {
      await tx.sessions.lock(session.id);
      await checkNotSignedAlready(tx, session.id, principal.userId);
      const added = await tx.signoffs.add({
        sessionId: session.id,
        signedBy: principal.userId,
        signedAt: clinic.clock(),
        ...(note ? { note } : {}),
      });
      await record(
        request,
        principal,
        'attendance.signoff',
        { type: 'session', id: session.id },
        { signoffId: added.id },
        tx,
      );
      return added;
    });
    return reply.status(201).send({ ok: true, data: signoff });
  });

  app.post('/api/attendance/stays/:id/corrections', async (request, reply) => {
    authorize(request, 'attendance.correct');
    const body = parse(CorrectionBody, request.body);
    const stay = await db.attendance.stayById(idParam(request));
    if (!stay) throw new HavenError('NOT_FOUND', 'No such attendance record.');
    const { principal, session } = await authorizeSession(
      app,
      request,
      'attendance.correct',
      stay.sessionId,
    );
    if (principal.kind !== 'staff')
      throw new HavenError('FORBIDDEN', 'Only staff correct attendance.');
    if (body.field === 'presentIntervals') checkWithinSession(body.value, session);
    else checkMinutesWithinSession(body.value, session);
    const correction = await db.transaction(async (tx) => {
      const added = await tx.corrections.add({
        stayId: stay.id,
        authorId: principal.userId,
        reason: body.reason,
        field: body.field,
        value: body.value,
      });
      await record(
        request,
        principal,
        'attendance.correct',
        { type: 'stay', id: stay.id },
        { field: body.field, correctionId: added.id },
        tx,
      );
      return added;
    });
    return reply.status(201).send({ ok: true, data: correction });
  });

  app.get('/api/attendance/patients/:id/week', async (request) => {
    const principal = authorize(request, 'attendance.read', null);
    const q = parse(WeekQuery, request.query);
    const patientId = idParam(request);
    const at = q.at ?? clinic.clock();
    const results = [];
    for (const programId of await programsOfPatient(db, patientId)) {
      const program = await requireProgram(db, programId);
      const week = weekOf(at, program.timeZone);
      const stays = await db.attendance.staysInRange({
        from: week.start - DAY,
        to: week.end + DAY,
        programId,
        patientId,
      });
      results.push({
        program,
        week: patientWeek({
          program,
          patientId,
          records: await loadRecords(db, stays),
          at,
          now: clinic.clock(),
        }),
      });
    }
    await record(
      request,
      principal,
      'attendance.view_patient_week',
      { type: 'patient', id: patientId },
      { purpose: q.purpose, at },
    );
    return { ok: true, data: results };
  });

  app.get('/api/attendance/patients/:id/range', async (request) => {
    const principal = authorize(request, 'attendance.read', null);
    const q = parse(RangeQuery, request.query);
    const { from, to } = rangeBounds(q);
    const patientId = idParam(request);
    const results = [];
    for (const programId of await programsOfPatient(db, patientId)) {
      const program = await requireProgram(db, programId);
      const stays = await db.attendance.staysInRange({ from, to, programId, patientId });
      results.push({
        program,
        weeks: patientRange({
          program,
          patientId,
          records: await loadRecords(db, stays),
          from: q.from,
          to: q.to,
          now: clinic.clock(),
        }),
      });
    }
    await record(
      request,
      principal,
      'attendance.view_patient_range',
      { type: 'patient', id: patientId },
      { purpose: q.purpose, from: q.from, to: q.to },
    );
    return { ok: true, data: results };
  });

  app.get('/api/attendance/programs/:id/week', async (request) => {
    const principal = authorize(request, 'attendance.read', null);
    const q = parse(WeekQuery, request.query);
    const program = await requireProgram(db, idParam(request));
    const at = q.at ?? clinic.clock();
    const week = weekOf(at, program.timeZone);
    // A stay counts in the week its session is scheduled to start in: exactly these.
    const { records, spans } = await programAttendance(
      db,
      program.id,
      week.start,
      week.end,
      q.groupId,
    );
    const report = programWeek({
      program,
      records,
      at,
      patients: expectedIn(spans, week.weekStart),
      now: clinic.clock(),
    });
    await record(
      request,
      principal,
      'attendance.view_program_week',
      { type: 'program', id: program.id },
      { purpose: q.purpose, at, groupId: q.groupId ?? null },
    );
    return { ok: true, data: report };
  });

  app.get('/api/attendance/programs/:id/weeks', async (request) => {
    const principal = authorize(request, 'attendance.read', null);
    const q = parse(RangeQuery, request.query);
    const { from, to } = rangeBounds(q);
    const program = await requireProgram(db, idParam(request));
    const { records, spans } = await programAttendance(db, program.id, from, to, q.groupId);
    const weeks = [];
    // The weeks that hold a day of [from, to]: from the week of `from` to the week of `to`.
    const lastWeek = weekOf(startOfDay(q.to, program.timeZone), program.timeZone).weekStart;
    for (let at = startOfDay(q.from, program.timeZone); ; at += WEEK) {
      const { weekStart } = weekOf(at, program.timeZone);
      if (weekStart > lastWeek) break;
      const patients = expectedIn(spans, weekStart);
      const w = programWeek({ program, records, at, patients, now: clinic.clock() });
      if (weeks.at(-1)?.weekStart !== w.weekStart) weeks.push(w);
    }
    await record(
      request,
      principal,
      'attendance.view_program_weeks',
      { type: 'program', id: program.id },
      { purpose: q.purpose, from: q.from, to: q.to },
    );
    return { ok: true, data: { program, weeks } };
  });

  /** CSV (one row per stay) or a FHIR R4 Bundle of Encounters; always a recorded disclosure. */
  const exportRows = async (request: FastifyRequest, format: 'csv' | 'fhir') => {
    const principal = authorize(request, 'attendance.export', null);
    const q = parse(ExportQuery, request.query);
    const range = {
      from: q.from,
      to: q.to,
      ...(q.programId ? { programId: q.programId } : {}),
      ...(q.groupId ? { groupId: q.groupId } : {}),
    };
    // One patient's stays, or every patient's stay of the range's sessions.
    const records = q.patientId
      ? await loadRecords(
          db,
          await db.attendance.staysInRange({
            ...range,
            subjectKind: 'patient',
            patientId: q.patientId,
          }),
        )
      : await recordsOfSessions(db, await db.sessions.list(range), 'patient');
    const rows: ReportRow[] = [];
    for (const programId of new Set(records.map((r) => r.session.programId))) {
      const program = await db.programs.byId(programId);
      if (program)
        rows.push(
          ...reportRows(records, toProgramRow(program), {
            now: clinic.clock(),
            patientsOnly: true,
          }),
        );
    }
    rows.sort((a, b) => a.session.startsAt - b.session.startsAt);
    // A disclosure must be traceable to each patient it disclosed (42 CFR Part 2): the
    // entry names them by id, never by name.
    const patientIds = [...new Set(rows.map((r) => r.stay.subjectId))].sort();
    await record(
      request,
      principal,
      `attendance.export_${format}`,
      q.patientId ? { type: 'patient', id: q.patientId } : null,
      {
        purpose: q.purpose,
        from: q.from,
        to: q.to,
        programId: q.programId ?? null,
        groupId: q.groupId ?? null,
        rows: rows.length,
        patients: patientIds.length,
        patientIds,
      },
    );
    return rows;
  };

  app.get('/api/attendance/export.csv', async (request, reply) => {
    const rows = await exportRows(request, 'csv');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="haven-attendance.csv"')
      .header('cache-control', 'no-store')
      .send(rangeCsv(rows));
  });

  app.get('/api/attendance/export.fhir.json', async (request, reply) => {
    const rows = await exportRows(request, 'fhir');
    return reply
      .type('application/fhir+json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="haven-attendance.fhir.json"')
      .header('cache-control', 'no-store')
      .send(JSON.stringify(fhirBundle(rows, { generatedAt: clinic.clock(), part2: true })));
  });
}

async function programsOfPatient(db: Database, patientId: string): Promise<string[]> {
  if (!(await db.patients.byId(patientId))) throw new HavenError('NOT_FOUND', 'No such patient.');
  const programs = new Set<string>();
  for (const e of await db.groups.enrollmentsOf(patientId)) {
    const group = await db.groups.byId(e.groupId);
    if (group) programs.add(group.programId);
  }
  return [...programs];
}

interface EnrollmentSpan {
  id: string;
  displayName: string;
  startDate: string;
  endDate: string | null;
}

/**
 * A program's (or one group's) patient stays of sessions starting in [from, to), with
 * their records, and its enrollment spans: read at once.
 */
/**
 * A program's attendance in [from, to], or that of one group's patients. A group's
 * patients are measured by all their program hours, individual sessions and other
 * groups included: the weekly requirement is the program's, and a group's hours alone
 * would flag a patient short who met it (as their own weeks would show).
 */
async function programAttendance(
  db: Database,
  programId: string,
  from: number,
  to: number,
  groupId: string | undefined,
) {
  const [records, spans] = await Promise.all([
    db.sessions
      .list({ from, to, programId })
      .then((sessions) => recordsOfSessions(db, sessions, 'patient')),
    enrolledIn(db, programId, groupId),
  ]);
  if (!groupId) return { records, spans };
  // The group's patients: those enrolled in it, and anyone who came to one of its sessions.
  const members = new Set(spans.map((s) => s.id));
  for (const r of records) if (r.session.groupId === groupId) members.add(r.stay.subjectId);
  return { records: records.filter((r) => members.has(r.stay.subjectId)), spans };
}

async function enrolledIn(
  db: Database,
  programId: string,
  groupId?: string,
): Promise<EnrollmentSpan[]> {
  if (groupId !== undefined && (await db.groups.byId(groupId))?.programId !== programId)
    throw new HavenError('NOT_FOUND', 'No such group in this program.');
  const groups = groupId ? [groupId] : (await db.groups.list({ programId })).map((g) => g.id);
  return (await db.groups.enrollmentsOfGroups(groups)).map((e) => ({
    id: e.patient.id,
    displayName: e.patient.displayName,
    startDate: e.startDate,
    endDate: e.endDate,
  }));
}

/** The patients expected in a week: enrolled on at least one of its days. */
function expectedIn(
  spans: readonly EnrollmentSpan[],
  weekStart: string,
): { id: string; displayName: string }[] {
  const weekEnd = addDays(weekStart, 6);
  const seen = new Map<string, { id: string; displayName: string }>();
  for (const s of spans) {
    if (s.startDate <= weekEnd && (s.endDate === null || s.endDate >= weekStart)) {
      seen.set(s.id, { id: s.id, displayName: s.displayName });
    }
  }
  return [...seen.values()];
}
