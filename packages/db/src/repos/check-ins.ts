import { CheckIn } from '@haven/protocol';
import type { Selectable } from 'kysely';
import { readInChunks, type RepoContext } from '../context.js';
import { badRequest, guard } from '../errors.js';
import { canonicalJson } from '../json.js';
import type { CheckInsTable } from '../schema.js';
import type { CheckInRecord } from '../types.js';

export interface NewCheckIn {
  sessionId: string;
  patientId: string;
  answers: CheckIn;
  at: number;
}

const toCheckIn = (r: Selectable<CheckInsTable>): CheckInRecord => ({
  id: r.id,
  sessionId: r.session_id,
  patientId: r.patient_id,
  answers: JSON.parse(r.answers) as CheckIn,
  at: r.at,
});

/** The location and safety answers a patient gives at each join. */
export class CheckInsRepo {
  constructor(private readonly ctx: RepoContext) {}

  async add(input: NewCheckIn): Promise<CheckInRecord> {
    const parsed = CheckIn.safeParse(input.answers);
    if (!parsed.success) throw badRequest('check-in answers are incomplete');
    const row = await guard({ notFound: 'session or patient not found' }, () =>
      this.ctx.db
        .insertInto('check_ins')
        .values({
          id: this.ctx.newId(),
          session_id: input.sessionId,
          patient_id: input.patientId,
          answers: canonicalJson(parsed.data),
          at: input.at,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return toCheckIn(row);
  }

  async byId(id: string): Promise<CheckInRecord | null> {
    const row = await this.ctx.db
      .selectFrom('check_ins')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toCheckIn(row) : null;
  }

  async latestFor(sessionId: string, patientId: string): Promise<CheckInRecord | null> {
    const row = await this.ctx.db
      .selectFrom('check_ins')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('patient_id', '=', patientId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toCheckIn(row) : null;
  }

  /** The check-ins of all these sessions, oldest first; one query per 500 session ids. */
  async listForSessions(sessionIds: readonly string[]): Promise<CheckInRecord[]> {
    const rows = await readInChunks(sessionIds, (chunk) =>
      this.ctx.db.selectFrom('check_ins').selectAll().where('session_id', 'in', chunk).execute(),
    );
    return rows
      .map(toCheckIn)
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async listForSession(sessionId: string): Promise<CheckInRecord[]> {
    const rows = await this.ctx.db
      .selectFrom('check_ins')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.map(toCheckIn);
  }
}
