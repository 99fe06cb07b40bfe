import { HavenError } from '@haven/protocol';
import type { Database, TransactionScope } from './database.js';
import type { NewPatient } from './repos/patients.js';
import { addDays, dateInZone, zonedTimeToUtc } from './zoned-time.js';

/**
 * A small fictional clinic to try Haven with: one substance-use IOP (H0015, 9 hours a
 * week) with one evening group of eight patients meeting Monday, Wednesday and
 * Thursday 18:00-21:00 in New York, led by one clinician and co-facilitated by another,
 * plus an admin. Every name, email and phone number is made up (555-01xx numbers are
 * reserved for fiction).
 */

export const DEMO_ADMIN_EMAIL = 'admin@haven.test';
export const DEMO_LEAD_EMAIL = 'dana.reyes@haven.test';
export const DEMO_CO_FACILITATOR_EMAIL = 'sam.okafor@haven.test';

const TIME_ZONE = 'America/New_York';

const PATIENTS: NewPatient[] = [
  ['Maria Gonzalez', 'NY', 'Luis Gonzalez'],
  ['James Whitfield', 'NJ', 'Karen Whitfield'],
  ['Aisha Rahman', 'NY', 'Farid Rahman'],
  ['Tyler Brooks', 'CT', 'Denise Brooks'],
  ['Priya Natarajan', 'NY', 'Arun Natarajan'],
  ['Marcus Bell', 'NJ', 'Tanya Bell'],
  ['Elena Petrova', 'NY', 'Ivan Petrov'],
  ['Daniel Kim', 'PA', 'Grace Kim'],
].map(([legalName, state, contact], i) => ({
  legalName: String(legalName),
  stateOfResidence: String(state),
  contactEmail: `${String(legalName).toLowerCase().replace(/\s+/g, '.')}@example.com`,
  contactPhone: `212-555-01${String(10 + i)}`,
  emergencyContactName: String(contact),
  emergencyContactPhone: `212-555-01${String(50 + i)}`,
}));

export interface SeedOptions {
  /** The moment the seed treats as now: "today" is taken in New York time from it. */
  now: number;
  /** The demo password, the same for the three staff accounts. */
  password: string;
  hashPassword: (password: string) => Promise<string>;
}

export type SeedResult =
  | {
      created: true;
      /** The plain demo password, to print the sign-in details. */
      password: string;
      adminId: string;
      leadClinicianId: string;
      coFacilitatorId: string;
      programId: string;
      groupId: string;
      patientIds: string[];
      /** Today's group session (from the schedule, or added for today when the group does not meet today). */
      groupSessionId: string;
      /** An individual session today with the co-facilitator. */
      individualSessionId: string;
    }
  | { created: false; adminId: string };

/** Creates the demo clinic unless the demo admin already exists. All or nothing. */
export async function seedDemoClinic(database: Database, opts: SeedOptions): Promise<SeedResult> {
  const existing = await database.staff.byEmail(DEMO_ADMIN_EMAIL);
  if (existing) return { created: false, adminId: existing.id };
  const passwordHash = await opts.hashPassword(opts.password);
  try {
    return await database.transaction((tx) => createClinic(tx, opts, passwordHash));
  } catch (err) {
    // Another process seeded at the same moment: its clinic stands.
    if (err instanceof HavenError && err.code === 'CONFLICT') {
      const admin = await database.staff.byEmail(DEMO_ADMIN_EMAIL);
      if (admin) return { created: false, adminId: admin.id };
    }
    throw err;
  }
}

async function createClinic(
  tx: TransactionScope,
  opts: SeedOptions,
  passwordHash: string,
): Promise<SeedResult> {
  const admin = await tx.staff.create({
    email: DEMO_ADMIN_EMAIL,
    displayName: 'Jordan Avery',
    role: 'admin',
    passwordHash,
  });
  const lead = await tx.staff.create({
    email: DEMO_LEAD_EMAIL,
    displayName: 'Dana Reyes, LCSW',
    role: 'clinician',
    passwordHash,
  });
  const co = await tx.staff.create({
    email: DEMO_CO_FACILITATOR_EMAIL,
    displayName: 'Sam Okafor, LMHC',
    role: 'clinician',
    passwordHash,
  });

  // 120 minutes: a day counts as billable when the patient attended at least two of
  // the three hours. Payers differ; programs set their own threshold.
  const program = await tx.programs.create({
    name: 'Evening Recovery IOP',
    weeklyHoursRequired: 9,
    billingCode: 'H0015',
    minBillableMinutes: 120,
    telehealthAllowed: true,
    audioOnlyAllowed: true,
    timeZone: TIME_ZONE,
  });
  const group = await tx.groups.create({
    programId: program.id,
    name: 'Evening Relapse Prevention Group',
    leadClinicianId: lead.id,
    weekdays: [1, 3, 4],
    startTime: '18:00',
    durationMinutes: 180,
    timeZone: TIME_ZONE,
  });
  await tx.groups.setFacilitators(group.id, [co.id]);

  const today = dateInZone(opts.now, TIME_ZONE);
  const patientIds: string[] = [];
  for (const input of PATIENTS) {
    const patient = await tx.patients.create(input);
    await tx.groups.enroll(group.id, patient.id, addDays(today, -14));
    patientIds.push(patient.id);
  }

  const generated = await tx.sessions.generateFromSchedule(group.id, today, addDays(today, 13));
  const todays =
    generated.find((s) => dateInZone(s.startsAt, TIME_ZONE) === today) ??
    (await tx.sessions.create({
      kind: 'group',
      groupId: group.id,
      leadClinicianId: lead.id,
      title: group.name,
      startsAt: zonedTimeToUtc(today, group.startTime, TIME_ZONE),
      durationMinutes: group.durationMinutes,
    }));

  const firstPatient = patientIds[0];
  if (!firstPatient) throw new Error('the demo clinic has no patients');
  const individual = await tx.sessions.create({
    kind: 'individual',
    programId: program.id,
    patientId: firstPatient,
    leadClinicianId: co.id,
    title: 'Individual session',
    startsAt: zonedTimeToUtc(today, '16:00', TIME_ZONE),
    durationMinutes: 50,
  });

  return {
    created: true,
    password: opts.password,
    adminId: admin.id,
    leadClinicianId: lead.id,
    coFacilitatorId: co.id,
    programId: program.id,
    groupId: group.id,
    patientIds,
    groupSessionId: todays.id,
    individualSessionId: individual.id,
  };
}
