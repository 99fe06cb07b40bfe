import type { Selectable } from 'kysely';
import type { RepoContext } from '../context.js';
import { guard } from '../errors.js';
import type { RosterSignoffsTable } from '../schema.js';
import type { RosterSignoff } from '../types.js';

export interface NewSignoff {
  sessionId: string;
  signedBy: string;
  signedAt: number;
  note?: string | null;
}

const toSignoff = (r: Selectable<RosterSignoffsTable>): RosterSignoff => ({
  id: r.id,
  sessionId: r.session_id,
  signedBy: r.signed_by,
  signedAt: r.signed_at,
  note: r.note,
});

/** A clinician's signature on a session's attendance roster. Signing again adds a row. */
export class SignoffsRepo {
  constructor(private readonly ctx: RepoContext) {}

  async add(input: NewSignoff): Promise<RosterSignoff> {
    const row = await guard({ notFound: 'session or staff user not found' }, () =>
      this.ctx.db
        .insertInto('roster_signoffs')
        .values({
          id: this.ctx.newId(),
          session_id: input.sessionId,
          signed_by: input.signedBy,
          signed_at: input.signedAt,
          note: input.note?.trim() || null,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return toSignoff(row);
  }

  async listForSession(sessionId: string): Promise<RosterSignoff[]> {
    const rows = await this.ctx.db
      .selectFrom('roster_signoffs')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('signed_at')
      .orderBy('id')
      .execute();
    return rows.map(toSignoff);
  }

  async latestFor(sessionId: string): Promise<RosterSignoff | null> {
    const rows = await this.listForSession(sessionId);
    return rows.at(-1) ?? null;
  }
}
