import type { Selectable } from 'kysely';
import { readInChunks, withTx, type RepoContext } from '../context.js';
import { badRequest, guard, notFound } from '../errors.js';
import { canonicalJson, type JsonValue } from '../json.js';
import type { AttendanceCorrectionsTable } from '../schema.js';
import type { AttendanceCorrection } from '../types.js';

export interface NewCorrection {
  stayId: string;
  authorId: string;
  /** Why the record is corrected; required. */
  reason: string;
  /** What the correction overrides, e.g. 'admittedAt' or 'leftAt'. */
  field: string;
  value: JsonValue;
}

const toCorrection = (r: Selectable<AttendanceCorrectionsTable>): AttendanceCorrection => ({
  id: r.id,
  stayId: r.stay_id,
  sessionId: r.session_id,
  authorId: r.author_id,
  reason: r.reason,
  createdAt: r.created_at,
  field: r.field,
  value: JSON.parse(r.value) as JsonValue,
});

/**
 * Corrections to a stay's attendance, kept beside the original events, which are never
 * edited. Readers apply them on top of what was recorded.
 */
export class CorrectionsRepo {
  constructor(private readonly ctx: RepoContext) {}

  async add(input: NewCorrection): Promise<AttendanceCorrection> {
    const reason = input.reason.trim();
    if (!reason) throw badRequest('a correction needs a reason');
    const field = input.field.trim();
    if (!field) throw badRequest('a correction names the field it corrects');
    if (input.value === undefined) throw badRequest('a correction needs a value');
    return withTx(this.ctx, async (trx, tctx) => {
      const stay = await trx
        .selectFrom('attendance_stays')
        .select('session_id')
        .where('id', '=', input.stayId)
        .executeTakeFirst();
      if (!stay) throw notFound('stay');
      const row = await guard({ notFound: 'staff user not found' }, () =>
        trx
          .insertInto('attendance_corrections')
          .values({
            id: tctx.newId(),
            stay_id: input.stayId,
            session_id: stay.session_id,
            author_id: input.authorId,
            reason,
            created_at: tctx.now(),
            field,
            value: canonicalJson(input.value),
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toCorrection(row);
    });
  }

  /** The corrections of all these sessions, oldest first; one query per 500 session ids. */
  async listForSessions(sessionIds: readonly string[]): Promise<AttendanceCorrection[]> {
    const rows = await readInChunks(sessionIds, (chunk) =>
      this.ctx.db
        .selectFrom('attendance_corrections')
        .selectAll()
        .where('session_id', 'in', chunk)
        .execute(),
    );
    return rows
      .map(toCorrection)
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async listForSession(sessionId: string): Promise<AttendanceCorrection[]> {
    const rows = await this.ctx.db
      .selectFrom('attendance_corrections')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toCorrection);
  }

  async listForStay(stayId: string): Promise<AttendanceCorrection[]> {
    const rows = await this.ctx.db
      .selectFrom('attendance_corrections')
      .selectAll()
      .where('stay_id', '=', stayId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toCorrection);
  }
}
