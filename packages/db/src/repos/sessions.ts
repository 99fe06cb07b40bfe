import { HavenError } from '@haven/protocol';
import type { Insertable, Selectable } from 'kysely';
import { fromFlag, toFlag, withTx, type RepoContext } from '../context.js';
import { badRequest, guard, notFound } from '../errors.js';
import type { SessionsTable } from '../schema.js';
import type { Session, SessionKind, SessionStatus } from '../types.js';
import { addDays, daysBetween, isoWeekday, zonedTimeToUtc } from '../zoned-time.js';
import { decodeWeekdays } from './groups.js';

export interface NewSession {
  kind: SessionKind;
  /** Required for individual sessions; for group sessions it defaults to the group's program. */
  programId?: string;
  groupId?: string | null;
  patientId?: string | null;
  leadClinicianId: string;
  title: string;
  startsAt: number;
  durationMinutes: number;
  /** End-to-end encrypted media for this session (a group's setting covers all of its sessions). */
  e2ee?: boolean;
}

export interface SessionFilter {
  /** Sessions starting at or after `from` and before `to` (epoch ms). */
  from: number;
  to: number;
  /** Sessions this clinician leads or co-facilitates (through the session's group). */
  clinicianId?: string;
  programId?: string;
  groupId?: string;
  patientId?: string;
  status?: SessionStatus | SessionStatus[];
}

/** The longest range `generateFromSchedule` accepts, in days. */
export const MAX_SCHEDULE_DAYS = 366;

export const toSession = (r: Selectable<SessionsTable>): Session => ({
  id: r.id,
  kind: r.kind as SessionKind,
  programId: r.program_id,
  groupId: r.group_id,
  patientId: r.patient_id,
  leadClinicianId: r.lead_clinician_id,
  title: r.title,
  startsAt: r.starts_at,
  durationMinutes: r.duration_minutes,
  status: r.status as SessionStatus,
  openedAt: r.opened_at,
  endedAt: r.ended_at,
  endReason: r.end_reason,
  e2ee: fromFlag(r.e2ee),
  createdAt: r.created_at,
});

const SLOT_TAKEN = 'the group already has a session starting at that time';
const UNKNOWN_REFERENCE = 'program, group, patient or clinician not found';

export class SessionsRepo {
  constructor(private readonly ctx: RepoContext) {}

  async create(input: NewSession): Promise<Session> {
    if (!Number.isInteger(input.startsAt)) throw badRequest('start must be epoch milliseconds');
    if (!Number.isInteger(input.durationMinutes) || input.durationMinutes <= 0) {
      throw badRequest('duration must be a positive number of minutes');
    }
    if (!input.title.trim()) throw badRequest('title is required');
    return withTx(this.ctx, async (trx, tctx) => {
      let programId = input.programId;
      if (input.kind === 'group') {
        if (!input.groupId || input.patientId) {
          throw badRequest('a group session names a group and no patient');
        }
        const group = await trx
          .selectFrom('groups')
          .select('program_id')
          .where('id', '=', input.groupId)
          .executeTakeFirst();
        if (!group) throw notFound('group');
        if (programId && programId !== group.program_id) {
          throw badRequest("a group session belongs to its group's program");
        }
        programId = group.program_id;
      } else if (!input.patientId || !programId) {
        throw badRequest('an individual session names a patient and a program');
      }
      const row = await guard({ conflict: SLOT_TAKEN, notFound: UNKNOWN_REFERENCE }, () =>
        trx
          .insertInto('sessions')
          .values({
            id: tctx.newId(),
            kind: input.kind,
            program_id: programId,
            group_id: input.kind === 'group' ? (input.groupId ?? null) : null,
            patient_id: input.kind === 'individual' ? (input.patientId ?? null) : null,
            lead_clinician_id: input.leadClinicianId,
            title: input.title.trim(),
            starts_at: input.startsAt,
            duration_minutes: input.durationMinutes,
            status: 'scheduled',
            opened_at: null,
            ended_at: null,
            end_reason: null,
            e2ee: toFlag(input.e2ee ?? false),
            created_at: tctx.now(),
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toSession(row);
    });
  }

  /**
   * Inside a transaction, holds the session's row until it ends, so that writes about the
   * session checked and made in it happen one transaction at a time. SQLite runs one
   * transaction at a time already; PostgreSQL locks the row.
   */
  async lock(id: string): Promise<void> {
    if (!this.ctx.db.isTransaction) throw new Error('sessions.lock() needs a transaction');
    if (this.ctx.dialect !== 'postgres') return;
    await this.ctx.db
      .selectFrom('sessions')
      .select('id')
      .where('id', '=', id)
      .forUpdate()
      .execute();
  }

  async byId(id: string): Promise<Session | null> {
    const row = await this.ctx.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toSession(row) : null;
  }

  async list(filter: SessionFilter): Promise<Session[]> {
    let q = this.ctx.db
      .selectFrom('sessions')
      .selectAll()
      .where('starts_at', '>=', filter.from)
      .where('starts_at', '<', filter.to);
    const clinicianId = filter.clinicianId;
    if (clinicianId) {
      q = q.where((eb) =>
        eb.or([
          eb('lead_clinician_id', '=', clinicianId),
          eb(
            'group_id',
            'in',
            eb
              .selectFrom('group_facilitators')
              .select('group_id')
              .where('user_id', '=', clinicianId),
          ),
        ]),
      );
    }
    if (filter.programId) q = q.where('program_id', '=', filter.programId);
    if (filter.groupId) q = q.where('group_id', '=', filter.groupId);
    if (filter.patientId) q = q.where('patient_id', '=', filter.patientId);
    if (filter.status !== undefined) {
      const statuses = Array.isArray(filter.status) ? filter.status : [filter.status];
      if (statuses.length === 0) return [];
      q = q.where('status', 'in', statuses);
    }
    const rows = await q.orderBy('starts_at').orderBy('id').execute();
    return rows.map(toSession);
  }

  /**
   * Moves a session to `status` at `at`. The first move to open or live stamps
   * `openedAt`; ending stamps `endedAt` and `endReason`. Ended is final: ending again
   * returns the session unchanged, any other change is INVALID_STATE.
   */
  async setStatus(
    id: string,
    status: SessionStatus,
    at: number,
    reason?: string,
  ): Promise<Session> {
    return withTx(this.ctx, async (trx) => {
      const current = await trx
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!current) throw notFound('session');
      if (current.status === 'ended') {
        if (status === 'ended') return toSession(current);
        throw new HavenError('INVALID_STATE', 'the session has ended');
      }
      const opening = (status === 'open' || status === 'live') && current.opened_at === null;
      const row = await trx
        .updateTable('sessions')
        .set({
          status,
          opened_at: opening ? at : current.opened_at,
          ended_at: status === 'ended' ? at : null,
          end_reason: status === 'ended' ? (reason ?? null) : null,
        })
        .where('id', '=', id)
        .where('status', '<>', 'ended')
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new HavenError('INVALID_STATE', 'the session has ended');
      return toSession(row);
    });
  }

  /**
   * Creates the group's sessions for every scheduled weekday from `fromDate` to
   * `toDate` (inclusive, dates in the group's time zone), starting at the group's local
   * start time whatever the UTC offset that day. Occurrences that already exist are
   * left alone, so running it twice creates nothing new. Returns the sessions created.
   */
  async generateFromSchedule(
    groupId: string,
    fromDate: string,
    toDate: string,
  ): Promise<Session[]> {
    const span = daysBetween(fromDate, toDate);
    if (span < 0) throw badRequest('the range ends before it starts');
    if (span >= MAX_SCHEDULE_DAYS) throw badRequest('the range is too long');
    const group = await this.ctx.db
      .selectFrom('groups')
      .selectAll()
      .where('id', '=', groupId)
      .executeTakeFirst();
    if (!group) throw notFound('group');
    if (group.active !== 1) return [];
    const weekdays = new Set(decodeWeekdays(group.weekdays));
    const now = this.ctx.now();
    const rows: Insertable<SessionsTable>[] = [];
    for (let i = 0; i <= span; i++) {
      const date = addDays(fromDate, i);
      if (!weekdays.has(isoWeekday(date))) continue;
      rows.push({
        id: this.ctx.newId(),
        kind: 'group',
        program_id: group.program_id,
        group_id: group.id,
        patient_id: null,
        lead_clinician_id: group.lead_clinician_id,
        title: group.name,
        starts_at: zonedTimeToUtc(date, group.start_time, group.time_zone),
        duration_minutes: group.duration_minutes,
        status: 'scheduled',
        opened_at: null,
        ended_at: null,
        end_reason: null,
        created_at: now,
      });
    }
    if (rows.length === 0) return [];
    const created = await this.ctx.db
      .insertInto('sessions')
      .values(rows)
      .onConflict((oc) => oc.columns(['group_id', 'starts_at']).doNothing())
      .returningAll()
      .execute();
    return created.map(toSession).sort((a, b) => a.startsAt - b.startsAt);
  }
}
