import type { Selectable } from 'kysely';
import type { RepoContext } from '../context.js';
import { badRequest, guard } from '../errors.js';
import type { InvitesTable } from '../schema.js';
import type { Invite } from '../types.js';

export interface NewInvite {
  /** Hash of the link's token; the token itself is never stored. */
  tokenHash: string;
  patientId: string;
  /** Exactly one of sessionId (one session) and groupId (the group's sessions). */
  sessionId?: string | null;
  groupId?: string | null;
  createdBy: string;
  expiresAt: number;
}

const toInvite = (r: Selectable<InvitesTable>): Invite => ({
  id: r.id,
  tokenHash: r.token_hash,
  patientId: r.patient_id,
  sessionId: r.session_id,
  groupId: r.group_id,
  createdBy: r.created_by,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  createdAt: r.created_at,
});

/** Patients' join links. */
export class InvitesRepo {
  constructor(private readonly ctx: RepoContext) {}

  async create(input: NewInvite): Promise<Invite> {
    const sessionId = input.sessionId ?? null;
    const groupId = input.groupId ?? null;
    if ((sessionId === null) === (groupId === null)) {
      throw badRequest('an invite is for one session or for one group');
    }
    const row = await guard(
      {
        conflict: 'invite token already exists',
        notFound: 'patient, session, group or staff user not found',
      },
      () =>
        this.ctx.db
          .insertInto('invites')
          .values({
            id: this.ctx.newId(),
            token_hash: input.tokenHash,
            patient_id: input.patientId,
            session_id: sessionId,
            group_id: groupId,
            created_by: input.createdBy,
            expires_at: input.expiresAt,
            revoked_at: null,
            created_at: this.ctx.now(),
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
    );
    return toInvite(row);
  }

  async byTokenHash(tokenHash: string): Promise<Invite | null> {
    const row = await this.ctx.db
      .selectFrom('invites')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? toInvite(row) : null;
  }

  async byId(id: string): Promise<Invite | null> {
    const row = await this.ctx.db
      .selectFrom('invites')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toInvite(row) : null;
  }

  /** Revokes an invite; false when it was unknown or already revoked. */
  async revoke(id: string): Promise<boolean> {
    const r = await this.ctx.db
      .updateTable('invites')
      .set({ revoked_at: this.ctx.now() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** A patient's invites, newest first. */
  async listForPatient(patientId: string): Promise<Invite[]> {
    const rows = await this.ctx.db
      .selectFrom('invites')
      .selectAll()
      .where('patient_id', '=', patientId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toInvite);
  }

  /**
   * The newest unrevoked, unexpired invite of the patient that covers the session
   * (issued for it, or for its group). A removed patient may rejoin only with an
   * invite created after the removal: compare its `createdAt` with the removal's `at`.
   */
  async latestCovering(query: {
    patientId: string;
    sessionId: string;
    groupId: string | null;
    now: number;
  }): Promise<Invite | null> {
    const { groupId } = query;
    const row = await this.ctx.db
      .selectFrom('invites')
      .selectAll()
      .where('patient_id', '=', query.patientId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', query.now)
      .where((eb) =>
        groupId === null
          ? eb('session_id', '=', query.sessionId)
          : eb.or([eb('session_id', '=', query.sessionId), eb('group_id', '=', groupId)]),
      )
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row ? toInvite(row) : null;
  }
}
