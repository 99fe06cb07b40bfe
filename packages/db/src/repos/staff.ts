import type { StaffRole } from '@haven/protocol';
import { sql, type Selectable, type UpdateObject } from 'kysely';
import { fromFlag, toFlag, type RepoContext } from '../context.js';
import { guard, notFound } from '../errors.js';
import type { Schema, StaffUsersTable } from '../schema.js';
import type { StaffAccount, StaffUser } from '../types.js';

export interface NewStaffUser {
  email: string;
  displayName: string;
  role: StaffRole;
  passwordHash: string;
  active?: boolean;
}

export interface StaffUserPatch {
  email?: string;
  displayName?: string;
  role?: StaffRole;
  passwordHash?: string;
}

const normalizeEmail = (email: string): string => email.trim().toLowerCase();
const DUPLICATE = 'a staff user with this email already exists';

const toUser = (r: Selectable<StaffUsersTable>): StaffUser => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  role: r.role as StaffRole,
  active: fromFlag(r.active),
  createdAt: r.created_at,
  passwordVersion: r.password_version,
});

type StaffUserSet = UpdateObject<Schema, 'staff_users'>;

/** Clinicians and admins. Emails are stored lower-cased and are unique. */
export class StaffRepo {
  constructor(private readonly ctx: RepoContext) {}

  async create(input: NewStaffUser): Promise<StaffUser> {
    const row = await guard({ conflict: DUPLICATE }, () =>
      this.ctx.db
        .insertInto('staff_users')
        .values({
          id: this.ctx.newId(),
          email: normalizeEmail(input.email),
          display_name: input.displayName.trim(),
          role: input.role,
          password_hash: input.passwordHash,
          active: toFlag(input.active ?? true),
          created_at: this.ctx.now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return toUser(row);
  }

  /** For signing in: the account with its password hash. */
  async byEmail(email: string): Promise<StaffAccount | null> {
    const row = await this.ctx.db
      .selectFrom('staff_users')
      .selectAll()
      .where('email', '=', normalizeEmail(email))
      .executeTakeFirst();
    return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
  }

  async byId(id: string): Promise<StaffUser | null> {
    const row = await this.ctx.db
      .selectFrom('staff_users')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async list(filter: { role?: StaffRole; active?: boolean } = {}): Promise<StaffUser[]> {
    let q = this.ctx.db.selectFrom('staff_users').selectAll();
    if (filter.role) q = q.where('role', '=', filter.role);
    if (filter.active !== undefined) q = q.where('active', '=', toFlag(filter.active));
    const rows = await q.orderBy('display_name').orderBy('id').execute();
    return rows.map(toUser);
  }

  /** A new password counts up the password version, in the same statement. */
  async update(id: string, patch: StaffUserPatch): Promise<StaffUser> {
    const set: StaffUserSet = {};
    if (patch.email !== undefined) set.email = normalizeEmail(patch.email);
    if (patch.displayName !== undefined) set.display_name = patch.displayName.trim();
    if (patch.role !== undefined) set.role = patch.role;
    if (patch.passwordHash !== undefined) {
      set.password_hash = patch.passwordHash;
      set.password_version = sql<number>`password_version + 1`;
    }
    return this.write(id, set);
  }

  async setActive(id: string, active: boolean): Promise<StaffUser> {
    return this.write(id, { active: toFlag(active) });
  }

  private async write(id: string, set: StaffUserSet): Promise<StaffUser> {
    if (Object.keys(set).length === 0) {
      const current = await this.byId(id);
      if (!current) throw notFound('staff user');
      return current;
    }
    const row = await guard({ conflict: DUPLICATE }, () =>
      this.ctx.db
        .updateTable('staff_users')
        .set(set)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst(),
    );
    if (!row) throw notFound('staff user');
    return toUser(row);
  }
}
