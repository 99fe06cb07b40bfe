import { UsState } from '@haven/protocol';
import type { Selectable, Updateable } from 'kysely';
import { fromFlag, toFlag, type RepoContext } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import type { PatientsTable } from '../schema.js';
import type { Patient } from '../types.js';

export interface NewPatient {
  legalName: string;
  /** Defaults to first name and last initial, e.g. "Maria G.". */
  displayName?: string;
  contactEmail?: string | null;
  contactPhone?: string | null;
  emergencyContactName?: string | null;
  emergencyContactPhone?: string | null;
  /** Two-letter US code. */
  stateOfResidence?: string | null;
  active?: boolean;
}

export type PatientPatch = Partial<NewPatient>;

/** "Maria Elena Garcia" -> "Maria G."; a single name is kept as is. */
export function defaultDisplayName(legalName: string): string {
  const parts = legalName.trim().split(/\s+/).filter(Boolean);
  const first = parts[0];
  if (!first) throw badRequest('legal name is required');
  const last = parts.length > 1 ? parts[parts.length - 1] : undefined;
  return last ? `${first} ${last.charAt(0).toUpperCase()}.` : first;
}

function checkState(state: string | null | undefined): string | null {
  if (state === undefined || state === null) return null;
  const parsed = UsState.safeParse(state.trim().toUpperCase());
  if (!parsed.success) throw badRequest('state of residence must be a US state code');
  return parsed.data;
}

export const toPatient = (r: Selectable<PatientsTable>): Patient => ({
  id: r.id,
  legalName: r.legal_name,
  displayName: r.display_name,
  contactEmail: r.contact_email,
  contactPhone: r.contact_phone,
  emergencyContactName: r.emergency_contact_name,
  emergencyContactPhone: r.emergency_contact_phone,
  stateOfResidence: r.state_of_residence,
  active: fromFlag(r.active),
  createdAt: r.created_at,
});

export class PatientsRepo {
  constructor(private readonly ctx: RepoContext) {}

  async create(input: NewPatient): Promise<Patient> {
    const legalName = input.legalName.trim();
    const displayName = input.displayName?.trim() || defaultDisplayName(legalName);
    const row = await this.ctx.db
      .insertInto('patients')
      .values({
        id: this.ctx.newId(),
        legal_name: legalName,
        display_name: displayName,
        contact_email: input.contactEmail ?? null,
        contact_phone: input.contactPhone ?? null,
        emergency_contact_name: input.emergencyContactName ?? null,
        emergency_contact_phone: input.emergencyContactPhone ?? null,
        state_of_residence: checkState(input.stateOfResidence),
        active: toFlag(input.active ?? true),
        created_at: this.ctx.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toPatient(row);
  }

  async byId(id: string): Promise<Patient | null> {
    const row = await this.ctx.db
      .selectFrom('patients')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toPatient(row) : null;
  }

  async list(filter: { active?: boolean } = {}): Promise<Patient[]> {
    let q = this.ctx.db.selectFrom('patients').selectAll();
    if (filter.active !== undefined) q = q.where('active', '=', toFlag(filter.active));
    const rows = await q.orderBy('legal_name').orderBy('id').execute();
    return rows.map(toPatient);
  }

  async update(id: string, patch: PatientPatch): Promise<Patient> {
    const set: Updateable<PatientsTable> = {};
    if (patch.legalName !== undefined) {
      set.legal_name = patch.legalName.trim();
      if (!set.legal_name) throw badRequest('legal name is required');
    }
    if (patch.displayName !== undefined) {
      // An empty display name goes back to the default for the (new or current) legal name.
      let legalName = set.legal_name;
      if (!patch.displayName.trim() && legalName === undefined) {
        const current = await this.byId(id);
        if (!current) throw notFound('patient');
        legalName = current.legalName;
      }
      set.display_name = patch.displayName.trim() || defaultDisplayName(String(legalName));
    }
    if (patch.contactEmail !== undefined) set.contact_email = patch.contactEmail;
    if (patch.contactPhone !== undefined) set.contact_phone = patch.contactPhone;
    if (patch.emergencyContactName !== undefined) {
      set.emergency_contact_name = patch.emergencyContactName;
    }
    if (patch.emergencyContactPhone !== undefined) {
      set.emergency_contact_phone = patch.emergencyContactPhone;
    }
    if (patch.stateOfResidence !== undefined) {
      set.state_of_residence = checkState(patch.stateOfResidence);
    }
    if (patch.active !== undefined) set.active = toFlag(patch.active);
    if (Object.keys(set).length === 0) {
      const current = await this.byId(id);
      if (!current) throw notFound('patient');
      return current;
    }
    const row = await this.ctx.db
      .updateTable('patients')
      .set(set)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound('patient');
    return toPatient(row);
  }
}
