import type { Selectable } from 'kysely';
import { withTx, type RepoContext } from '../context.js';
import { guard } from '../errors.js';
import type { RefreshTokensTable } from '../schema.js';
import type { RefreshToken, RotateResult } from '../types.js';

export interface IssueRefreshToken {
  userId: string;
  tokenHash: string;
  expiresAt: number;
  /** Continue an existing family; a new family is started when omitted. */
  familyId?: string;
}

const toToken = (r: Selectable<RefreshTokensTable>): RefreshToken => ({
  id: r.id,
  userId: r.user_id,
  tokenHash: r.token_hash,
  familyId: r.family_id,
  expiresAt: r.expires_at,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  replacedBy: r.replaced_by,
});

/**
 * Rotating refresh tokens. Only hashes are stored. Each sign-in starts a family; each
 * refresh replaces the presented token with a new one in the same family. Presenting a
 * token that was already replaced revokes the whole family.
 */
export class RefreshTokensRepo {
  constructor(private readonly ctx: RepoContext) {}

  async issue(input: IssueRefreshToken): Promise<RefreshToken> {
    const row = await guard(
      { conflict: 'refresh token already exists', notFound: 'staff user not found' },
      () =>
        this.ctx.db
          .insertInto('refresh_tokens')
          .values({
            id: this.ctx.newId(),
            user_id: input.userId,
            token_hash: input.tokenHash,
            family_id: input.familyId ?? this.ctx.newId(),
            expires_at: input.expiresAt,
            created_at: this.ctx.now(),
            revoked_at: null,
            replaced_by: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
    );
    return toToken(row);
  }

  async byHash(tokenHash: string): Promise<RefreshToken | null> {
    const row = await this.ctx.db
      .selectFrom('refresh_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? toToken(row) : null;
  }

  /** Swaps the presented token for a new one whose hash is `next.tokenHash`. */
  async rotate(
    tokenHash: string,
    next: { tokenHash: string; expiresAt: number },
  ): Promise<RotateResult> {
    return withTx(this.ctx, async (trx, tctx) => {
      const now = tctx.now();
      const current = await trx
        .selectFrom('refresh_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!current) return { kind: 'not-found' };
      const reuse = async (): Promise<RotateResult> => {
        await revokeFamily(trx, current.family_id, now);
        return { kind: 'reuse-detected', userId: current.user_id, familyId: current.family_id };
      };
      if (current.replaced_by !== null) return reuse();
      if (current.revoked_at !== null) return { kind: 'revoked' };
      if (current.expires_at <= now) return { kind: 'expired' };

      const id = tctx.newId();
      // Conditional on still being live: of two concurrent rotations only one wins,
      // the other sees a replaced token, which is reuse.
      const claimed = await trx
        .updateTable('refresh_tokens')
        .set({ revoked_at: now, replaced_by: id })
        .where('id', '=', current.id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return reuse();
      const row = await trx
        .insertInto('refresh_tokens')
        .values({
          id,
          user_id: current.user_id,
          token_hash: next.tokenHash,
          family_id: current.family_id,
          expires_at: next.expiresAt,
          created_at: now,
          revoked_at: null,
          replaced_by: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return {
        kind: 'rotated',
        token: toToken(row),
        previous: toToken({ ...current, revoked_at: now, replaced_by: id }),
      };
    });
  }

  /** Revokes every live token of a family; returns how many were revoked. */
  async revokeFamily(familyId: string): Promise<number> {
    return revokeFamily(this.ctx.db, familyId, this.ctx.now());
  }

  /** Revokes one token (sign-out); false when it was unknown or already revoked. */
  async revoke(tokenHash: string): Promise<boolean> {
    const r = await this.ctx.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: this.ctx.now() })
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Revokes every live token of a user (deactivation, password change). */
  async revokeAllForUser(userId: string): Promise<number> {
    const r = await this.ctx.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: this.ctx.now() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }
}

async function revokeFamily(db: RepoContext['db'], familyId: string, now: number): Promise<number> {
  const r = await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: now })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
