import type { Selectable, Updateable } from 'kysely';
import { fromFlag, toFlag, type RepoContext } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import type { ProgramsTable } from '../schema.js';
import type { BillingCode, Program } from '../types.js';
import { isTimeZone } from '../zoned-time.js';

export interface NewProgram {
  name: string;
  weeklyHoursRequired: number;
  billingCode: BillingCode;
  minBillableMinutes: number;
  telehealthAllowed: boolean;
  audioOnlyAllowed: boolean;
  /** IANA zone; 'America/New_York' when omitted. */
  timeZone?: string;
}

export type ProgramPatch = Partial<NewProgram> & { active?: boolean };

export const DEFAULT_TIME_ZONE = 'America/New_York';

const toProgram = (r: Selectable<ProgramsTable>): Program => ({
  id: r.id,
  name: r.name,
  weeklyHoursRequired: r.weekly_hours_required,
  billingCode: r.billing_code,
  minBillableMinutes: r.min_billable_minutes,
  telehealthAllowed: fromFlag(r.telehealth_allowed),
  audioOnlyAllowed: fromFlag(r.audio_only_allowed),
  timeZone: r.time_zone,
  active: fromFlag(r.active),
  createdAt: r.created_at,
});

function checkProgram(p: ProgramPatch): void {
  if (p.name !== undefined && !p.name.trim()) throw badRequest('program name is required');
  if (p.weeklyHoursRequired !== undefined) {
    if (!Number.isFinite(p.weeklyHoursRequired) || p.weeklyHoursRequired < 0) {
      throw badRequest('weekly hours must be a non-negative number');
    }
  }
  if (p.minBillableMinutes !== undefined) {
    if (!Number.isInteger(p.minBillableMinutes) || p.minBillableMinutes < 0) {
      throw badRequest('minimum billable minutes must be a non-negative integer');
    }
  }
  if (p.billingCode !== undefined && !p.billingCode.trim())
    throw badRequest('billing code is required');
  if (p.timeZone !== undefined && !isTimeZone(p.timeZone)) throw badRequest('unknown time zone');
}

/** Programs carry the payer rules (hours, billing code, telehealth) as configuration. */
export class ProgramsRepo {
  constructor(private readonly ctx: RepoContext) {}

  async create(input: NewProgram): Promise<Program> {
    checkProgram(input);
    const row = await this.ctx.db
      .insertInto('programs')
      .values({
        id: this.ctx.newId(),
        name: input.name.trim(),
        weekly_hours_required: input.weeklyHoursRequired,
        billing_code: input.billingCode.trim(),
        min_billable_minutes: input.minBillableMinutes,
        telehealth_allowed: toFlag(input.telehealthAllowed),
        audio_only_allowed: toFlag(input.audioOnlyAllowed),
        time_zone: input.timeZone ?? DEFAULT_TIME_ZONE,
        created_at: this.ctx.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toProgram(row);
  }

  async byId(id: string): Promise<Program | null> {
    const row = await this.ctx.db
      .selectFrom('programs')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toProgram(row) : null;
  }

  async list(): Promise<Program[]> {
    const rows = await this.ctx.db
      .selectFrom('programs')
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map(toProgram);
  }

  async update(id: string, patch: ProgramPatch): Promise<Program> {
    checkProgram(patch);
    const set: Updateable<ProgramsTable> = {};
    if (patch.name !== undefined) set.name = patch.name.trim();
    if (patch.weeklyHoursRequired !== undefined) {
      set.weekly_hours_required = patch.weeklyHoursRequired;
    }
    if (patch.billingCode !== undefined) set.billing_code = patch.billingCode.trim();
    if (patch.minBillableMinutes !== undefined) set.min_billable_minutes = patch.minBillableMinutes;
    if (patch.telehealthAllowed !== undefined) {
      set.telehealth_allowed = toFlag(patch.telehealthAllowed);
    }
    if (patch.audioOnlyAllowed !== undefined) {
      set.audio_only_allowed = toFlag(patch.audioOnlyAllowed);
    }
    if (patch.timeZone !== undefined) set.time_zone = patch.timeZone;
    if (patch.active !== undefined) set.active = toFlag(patch.active);
    if (Object.keys(set).length === 0) {
      const current = await this.byId(id);
      if (!current) throw notFound('program');
      return current;
    }
    const row = await this.ctx.db
      .updateTable('programs')
      .set(set)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound('program');
    return toProgram(row);
  }
}
