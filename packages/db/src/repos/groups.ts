import type { Selectable, Updateable } from 'kysely';
import { fromFlag, toFlag, withTx, type RepoContext } from '../context.js';
import { badRequest, guard, notFound } from '../errors.js';
import type { GroupsTable } from '../schema.js';
import type { EnrolledPatient, Enrollment, Group } from '../types.js';
import { isTimeOfDay, isTimeZone } from '../zoned-time.js';
import { EnrollmentsRepo } from './enrollments.js';

export interface NewGroup {
  programId: string;
  name: string;
  leadClinicianId: string;
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  weekdays: number[];
  /** 'HH:MM', local to `timeZone`. */
  startTime: string;
  durationMinutes: number;
  /** IANA zone; the program's zone when omitted. */
  timeZone?: string;
  active?: boolean;
  /** Every session of the group has end-to-end encrypted media. */
  e2ee?: boolean;
}

export type GroupPatch = Partial<Omit<NewGroup, 'programId'>>;

export function encodeWeekdays(days: number[]): string {
  const unique = [...new Set(days)].sort((a, b) => a - b);
  if (unique.length === 0 || unique.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    throw badRequest('weekdays must be ISO weekdays 1 (Monday) to 7 (Sunday)');
  }
  return unique.join(',');
}

export const decodeWeekdays = (text: string): number[] =>
  text ? text.split(',').map((d) => Number(d)) : [];

const toGroup = (r: Selectable<GroupsTable>): Group => ({
  id: r.id,
  programId: r.program_id,
  name: r.name,
  leadClinicianId: r.lead_clinician_id,
  weekdays: decodeWeekdays(r.weekdays),
  startTime: r.start_time,
  durationMinutes: r.duration_minutes,
  timeZone: r.time_zone,
  active: fromFlag(r.active),
  e2ee: fromFlag(r.e2ee),
  createdAt: r.created_at,
});

function checkGroup(p: GroupPatch): void {
  if (p.name !== undefined && !p.name.trim()) throw badRequest('group name is required');
  if (p.startTime !== undefined && !isTimeOfDay(p.startTime)) {
    throw badRequest('start time must be HH:MM');
  }
  if (p.durationMinutes !== undefined) {
    if (!Number.isInteger(p.durationMinutes) || p.durationMinutes <= 0) {
      throw badRequest('duration must be a positive number of minutes');
    }
  }
  if (p.timeZone !== undefined && !isTimeZone(p.timeZone)) throw badRequest('unknown time zone');
}

const LEAD_UNKNOWN = 'lead clinician not found';

/** Therapy groups, their co-facilitators and their enrolled patients. */
export class GroupsRepo {
  private readonly enrollments: EnrollmentsRepo;

  constructor(private readonly ctx: RepoContext) {
    this.enrollments = new EnrollmentsRepo(ctx);
  }

  async create(input: NewGroup): Promise<Group> {
    checkGroup(input);
    const weekdays = encodeWeekdays(input.weekdays);
    return withTx(this.ctx, async (trx, tctx) => {
      const program = await trx
        .selectFrom('programs')
        .select('time_zone')
        .where('id', '=', input.programId)
        .executeTakeFirst();
      if (!program) throw notFound('program');
      const row = await guard({ notFound: LEAD_UNKNOWN }, () =>
        trx
          .insertInto('groups')
          .values({
            id: tctx.newId(),
            program_id: input.programId,
            name: input.name.trim(),
            lead_clinician_id: input.leadClinicianId,
            weekdays,
            start_time: input.startTime,
            duration_minutes: input.durationMinutes,
            time_zone: input.timeZone ?? program.time_zone,
            active: toFlag(input.active ?? true),
            e2ee: toFlag(input.e2ee ?? false),
            created_at: tctx.now(),
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toGroup(row);
    });
  }

  async byId(id: string): Promise<Group | null> {
    const row = await this.ctx.db
      .selectFrom('groups')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toGroup(row) : null;
  }

  async list(filter: { programId?: string; active?: boolean } = {}): Promise<Group[]> {
    let q = this.ctx.db.selectFrom('groups').selectAll();
    if (filter.programId) q = q.where('program_id', '=', filter.programId);
    if (filter.active !== undefined) q = q.where('active', '=', toFlag(filter.active));
    const rows = await q.orderBy('name').orderBy('id').execute();
    return rows.map(toGroup);
  }

  async update(id: string, patch: GroupPatch): Promise<Group> {
    checkGroup(patch);
    const set: Updateable<GroupsTable> = {};
    if (patch.name !== undefined) set.name = patch.name.trim();
    if (patch.leadClinicianId !== undefined) set.lead_clinician_id = patch.leadClinicianId;
    if (patch.weekdays !== undefined) set.weekdays = encodeWeekdays(patch.weekdays);
    if (patch.startTime !== undefined) set.start_time = patch.startTime;
    if (patch.durationMinutes !== undefined) set.duration_minutes = patch.durationMinutes;
    if (patch.timeZone !== undefined) set.time_zone = patch.timeZone;
    if (patch.active !== undefined) set.active = toFlag(patch.active);
    if (patch.e2ee !== undefined) set.e2ee = toFlag(patch.e2ee);
    if (Object.keys(set).length === 0) {
      const current = await this.byId(id);
      if (!current) throw notFound('group');
      return current;
    }
    const row = await guard({ notFound: LEAD_UNKNOWN }, () =>
      this.ctx.db
        .updateTable('groups')
        .set(set)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst(),
    );
    if (!row) throw notFound('group');
    return toGroup(row);
  }

  /** Replaces the group's co-facilitators with `userIds`, all or nothing. */
  async setFacilitators(groupId: string, userIds: string[]): Promise<string[]> {
    const unique = [...new Set(userIds)];
    return withTx(this.ctx, async (trx) => {
      const group = await trx
        .selectFrom('groups')
        .select('id')
        .where('id', '=', groupId)
        .executeTakeFirst();
      if (!group) throw notFound('group');
      await trx.deleteFrom('group_facilitators').where('group_id', '=', groupId).execute();
      if (unique.length > 0) {
        await guard({ notFound: 'staff user not found' }, () =>
          trx
            .insertInto('group_facilitators')
            .values(unique.map((userId) => ({ group_id: groupId, user_id: userId })))
            .execute(),
        );
      }
      return unique.sort();
    });
  }

  /** Ids of the group's co-facilitators (the lead clinician is on the group itself). */
  async facilitatorsOf(groupId: string): Promise<string[]> {
    const rows = await this.ctx.db
      .selectFrom('group_facilitators')
      .select('user_id')
      .where('group_id', '=', groupId)
      .orderBy('user_id')
      .execute();
    return rows.map((r) => r.user_id);
  }

  /** Groups a staff user leads or co-facilitates. */
  async groupsFacilitatedBy(userId: string): Promise<Group[]> {
    const rows = await this.ctx.db
      .selectFrom('groups')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('lead_clinician_id', '=', userId),
          eb(
            'id',
            'in',
            eb.selectFrom('group_facilitators').select('group_id').where('user_id', '=', userId),
          ),
        ]),
      )
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map(toGroup);
  }

  enroll(
    groupId: string,
    patientId: string,
    startDate: string,
    endDate: string | null = null,
  ): Promise<Enrollment> {
    return this.enrollments.enroll(groupId, patientId, startDate, endDate);
  }

  unenroll(
    groupId: string,
    patientId: string,
    endDate: string,
    today?: string,
  ): Promise<Enrollment> {
    return this.enrollments.unenroll(groupId, patientId, endDate, today);
  }

  enrolledPatients(groupId: string, onDate?: string): Promise<EnrolledPatient[]> {
    return this.enrollments.enrolledPatients(groupId, onDate);
  }

  /** All enrollments of several groups at once, ended ones included. */
  enrollmentsOfGroups(
    groupIds: readonly string[],
  ): Promise<(EnrolledPatient & { groupId: string })[]> {
    return this.enrollments.ofGroups(groupIds);
  }

  enrollmentsOf(patientId: string): Promise<Enrollment[]> {
    return this.enrollments.ofPatient(patientId);
  }
}
