import { randomUUID } from 'node:crypto';
import type { CheckIn } from '@haven/protocol';
import type { Database, Group, Patient, Program, Session, StaffUser } from '../src/index.js';

/** Small builders so each test creates exactly what it needs. */

export const uniqueEmail = (name = 'staff'): string =>
  `${name}.${randomUUID().slice(0, 8)}@haven.test`;

export function clinician(db: Database, name = 'clinician'): Promise<StaffUser> {
  return db.staff.create({
    email: uniqueEmail(name),
    displayName: `Test ${name}`,
    role: 'clinician',
    passwordHash: 'hash',
  });
}

export function patient(db: Database, legalName = 'Alex Morgan'): Promise<Patient> {
  return db.patients.create({ legalName, stateOfResidence: 'NY' });
}

export function program(db: Database): Promise<Program> {
  return db.programs.create({
    name: 'Test IOP',
    weeklyHoursRequired: 9,
    billingCode: 'H0015',
    minBillableMinutes: 120,
    telehealthAllowed: true,
    audioOnlyAllowed: false,
  });
}

export async function group(
  db: Database,
  overrides: { weekdays?: number[]; startTime?: string; timeZone?: string } = {},
): Promise<{ group: Group; program: Program; lead: StaffUser }> {
  const p = await program(db);
  const lead = await clinician(db, 'lead');
  const g = await db.groups.create({
    programId: p.id,
    name: 'Evening group',
    leadClinicianId: lead.id,
    weekdays: overrides.weekdays ?? [1, 3, 4],
    startTime: overrides.startTime ?? '18:00',
    durationMinutes: 180,
    ...(overrides.timeZone ? { timeZone: overrides.timeZone } : {}),
  });
  return { group: g, program: p, lead };
}

/** A group session plus what it hangs off. */
export async function groupSession(
  db: Database,
  startsAt = Date.UTC(2026, 2, 2, 23),
): Promise<{ session: Session; group: Group; lead: StaffUser }> {
  const { group: g, lead } = await group(db);
  const session = await db.sessions.create({
    kind: 'group',
    groupId: g.id,
    leadClinicianId: lead.id,
    title: g.name,
    startsAt,
    durationMinutes: 180,
  });
  return { session, group: g, lead };
}

export const checkInAnswers: CheckIn = {
  location: 'Home, Brooklyn',
  state: 'NY',
  atHome: true,
  privatePlace: true,
  emergencyContact: { name: 'Pat Morgan', phone: '212-555-0199' },
  agreedToRules: true,
};

/** Runs `promise` and returns the HavenError code it rejects with. */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err && typeof err === 'object' && 'code' in err) return String(err.code);
    throw err;
  }
  throw new Error('expected a rejection');
}
