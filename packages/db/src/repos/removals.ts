import type { Selectable } from 'kysely';
import type { RepoContext } from '../context.js';
import { badRequest, guard } from '../errors.js';
import type { SessionRemovalsTable } from '../schema.js';
import type { SessionRemoval } from '../types.js';

export interface NewRemoval {
  sessionId: string;
  patientId: string;
  removedBy: string;
  reason: string;
  at: number;
}

const toRemoval = (r: Selectable<SessionRemovalsTable>): SessionRemoval => ({
  id: r.id,
  sessionId: r.session_id,
  patientId: r.patient_id,
  removedBy: r.removed_by,
  reason: r.reason,
  at: r.at,
});

/**
 * Patients a clinician removed from a session. A removal outlives the invite the
 * patient used: only an invite created after the latest removal lets them back in.
 */
export class RemovalsRepo {
  constructor(private readonly ctx: RepoContext) {}

  async add(input: NewRemoval): Promise<SessionRemoval> {
    const reason = input.reason.trim();
    if (!reason) throw badRequest('a removal needs a reason');
    const row = await guard({ notFound: 'session, patient or staff user not found' }, () =>
      this.ctx.db
        .insertInto('session_removals')
        .values({
          id: this.ctx.newId(),
          session_id: input.sessionId,
          patient_id: input.patientId,
          removed_by: input.removedBy,
          reason,
          at: input.at,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return toRemoval(row);
  }

  async latestFor(sessionId: string, patientId: string): Promise<SessionRemoval | null> {
    const row = await this.ctx.db
      .selectFrom('session_removals')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('patient_id', '=', patientId)
      .orderBy('at', 'desc')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row ? toRemoval(row) : null;
  }

  async listForSession(sessionId: string): Promise<SessionRemoval[]> {
    const rows = await this.ctx.db
      .selectFrom('session_removals')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.map(toRemoval);
  }
}
