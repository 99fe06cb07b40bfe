import type { Selectable } from 'kysely';
import { withTx, type RepoContext } from '../context.js';
import { badRequest, guard, notFound } from '../errors.js';
import type { EnrollmentsTable } from '../schema.js';
import type { EnrolledPatient, Enrollment } from '../types.js';
import { isDate } from '../zoned-time.js';
import { toPatient } from './patients.js';

const toEnrollment = (r: Selectable<EnrollmentsTable>): Enrollment => ({
  id: r.id,
  groupId: r.group_id,
  patientId: r.patient_id,
  startDate: r.start_date,
  endDate: r.end_date,
});

function checkDate(date: string): void {
  if (!isDate(date)) throw badRequest('dates must be valid YYYY-MM-DD');
}

/**
 * Which patients belong to which group, over which dates ('YYYY-MM-DD', inclusive).
 * A patient has at most one open enrollment (no end date) per group. Used through
 * `GroupsRepo`.
 */
export class EnrollmentsRepo {
  constructor(private readonly ctx: RepoContext) {}

  async enroll(
    groupId: string,
    patientId: string,
    startDate: string,
    endDate: string | null,
  ): Promise<Enrollment> {
    checkDate(startDate);
    if (endDate !== null) {
      checkDate(endDate);
      if (endDate < startDate) throw badRequest('an enrollment cannot end before it starts');
    }
    const row = await guard(
      {
        conflict: 'the patient is already enrolled in this group',
        notFound: 'group or patient not found',
      },
      () =>
        this.ctx.db
          .insertInto('enrollments')
          .values({
            id: this.ctx.newId(),
            group_id: groupId,
            patient_id: patientId,
            start_date: startDate,
            end_date: endDate,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
    );
    return toEnrollment(row);
  }

  /**
   * Ends the current enrollment on `endDate` (the last day the patient belongs to the
   * group). Current: with no end, or, given `today`, an end not passed yet, so a planned
   * discharge can be moved. An enrollment that has ended stays as it was.
   */
  async unenroll(
    groupId: string,
    patientId: string,
    endDate: string,
    today?: string,
  ): Promise<Enrollment> {
    checkDate(endDate);
    if (today !== undefined) checkDate(today);
    return withTx(this.ctx, async (trx) => {
      const open = await trx
        .selectFrom('enrollments')
        .selectAll()
        .where('group_id', '=', groupId)
        .where('patient_id', '=', patientId)
        .where((eb) =>
          today === undefined
            ? eb('end_date', 'is', null)
            : eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]),
        )
        .orderBy('start_date', 'desc')
        .executeTakeFirst();
      if (!open) throw notFound('enrollment');
      if (endDate < open.start_date) throw badRequest('an enrollment cannot end before it starts');
      const row = await trx
        .updateTable('enrollments')
        .set({ end_date: endDate })
        .where('id', '=', open.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toEnrollment(row);
    });
  }

  /** Patients enrolled on `onDate`, or with an open enrollment when no date is given. */
  async enrolledPatients(groupId: string, onDate?: string): Promise<EnrolledPatient[]> {
    let q = this.ctx.db
      .selectFrom('enrollments')
      .innerJoin('patients', 'patients.id', 'enrollments.patient_id')
      .selectAll('patients')
      .select(['enrollments.start_date', 'enrollments.end_date'])
      .where('enrollments.group_id', '=', groupId);
    if (onDate === undefined) {
      q = q.where('enrollments.end_date', 'is', null);
    } else {
      checkDate(onDate);
      q = q
        .where('enrollments.start_date', '<=', onDate)
        .where((eb) =>
          eb.or([eb('enrollments.end_date', 'is', null), eb('enrollments.end_date', '>=', onDate)]),
        );
    }
    const rows = await q.orderBy('patients.legal_name').orderBy('patients.id').execute();
    return rows.map((r) => ({
      patient: toPatient(r),
      startDate: r.start_date,
      endDate: r.end_date,
    }));
  }

  /** Every enrollment of these groups, ended ones included, with its patient: one query. */
  async ofGroups(groupIds: readonly string[]): Promise<(EnrolledPatient & { groupId: string })[]> {
    if (groupIds.length === 0) return [];
    const rows = await this.ctx.db
      .selectFrom('enrollments')
      .innerJoin('patients', 'patients.id', 'enrollments.patient_id')
      .selectAll('patients')
      .select(['enrollments.group_id', 'enrollments.start_date', 'enrollments.end_date'])
      .where('enrollments.group_id', 'in', [...groupIds])
      .orderBy('patients.legal_name')
      .orderBy('patients.id')
      .execute();
    return rows.map((r) => ({
      groupId: r.group_id,
      patient: toPatient(r),
      startDate: r.start_date,
      endDate: r.end_date,
    }));
  }

  async ofPatient(patientId: string): Promise<Enrollment[]> {
    const rows = await this.ctx.db
      .selectFrom('enrollments')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('start_date')
      .orderBy('id')
      .execute();
    return rows.map(toEnrollment);
  }
}
