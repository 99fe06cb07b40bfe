import type { CheckIn } from '@haven/protocol';
import { hashPassword } from '../../src/auth/passwords.js';
import type { TestServer } from './server.js';
import { TestClient } from './client.js';

export const PASSWORD = 'correct horse battery staple';

export const checkIn = (overrides: Partial<CheckIn> = {}): CheckIn => ({
  location: 'Living room',
  state: 'NY',
  atHome: true,
  privatePlace: true,
  emergencyContact: { name: 'Robin Doe', phone: '555-0100' },
  agreedToRules: true,
  ...overrides,
});

export interface Clinic {
  adminId: string;
  /** Lead of group 1. */
  leadId: string;
  /** Co-facilitator of group 1. */
  coId: string;
  /** Lead of group 2 only. */
  otherId: string;
  programId: string;
  group1: string;
  group2: string;
  patients: string[];
  outsider: string;
  session1: string;
  session2: string;
  individual: string;
  tokens: { admin: string; lead: string; co: string; other: string };
}

/**
 * A small clinic through the repositories: an admin, three clinicians, two groups of one
 * program, patients enrolled in group 1, one in group 2, a session for each group now
 * and an individual session.
 */
export async function seedClinic(
  server: TestServer,
  opts: { patients?: number } = {},
): Promise<Clinic> {
  const { db, tokens } = server.app;
  const now = server.clock.now();
  const passwordHash = await hashPassword(PASSWORD);
  const staff = async (email: string, displayName: string, role: 'admin' | 'clinician') =>
    db.staff.create({ email, displayName, role, passwordHash });
  const admin = await staff('admin@clinic.test', 'Ada Admin', 'admin');
  const lead = await staff('lead@clinic.test', 'Lee Lead', 'clinician');
  const co = await staff('co@clinic.test', 'Cory Co', 'clinician');
  const other = await staff('other@clinic.test', 'Otto Other', 'clinician');
  const program = await db.programs.create({
    name: 'Evening IOP',
    weeklyHoursRequired: 9,
    billingCode: 'H0015',
    minBillableMinutes: 120,
    telehealthAllowed: true,
    audioOnlyAllowed: true,
  });
  const group = (name: string, leadClinicianId: string) =>
    db.groups.create({
      programId: program.id,
      name,
      leadClinicianId,
      weekdays: [1, 2, 3, 4, 5],
      startTime: '18:00',
      durationMinutes: 180,
      timeZone: 'America/New_York',
    });
  const g1 = await group('Relapse prevention', lead.id);
  const g2 = await group('DBT skills', other.id);
  await db.groups.setFacilitators(g1.id, [co.id]);
  const patients: string[] = [];
  for (let i = 0; i < (opts.patients ?? 3); i++) {
    const p = await db.patients.create({
      legalName: `Patient Number${i} Test`,
      displayName: `Pat ${i}`,
    });
    await db.groups.enroll(g1.id, p.id, '2020-01-01');
    patients.push(p.id);
  }
  const outsider = await db.patients.create({ legalName: 'Out Sider', displayName: 'Out S.' });
  await db.groups.enroll(g2.id, outsider.id, '2020-01-01');
  const session = (groupId: string, leadClinicianId: string, title: string) =>
    db.sessions.create({
      kind: 'group',
      programId: program.id,
      groupId,
      leadClinicianId,
      title,
      startsAt: now - 5 * 60_000,
      durationMinutes: 180,
    });
  const s1 = await session(g1.id, lead.id, 'Relapse prevention');
  const s2 = await session(g2.id, other.id, 'DBT skills');
  const individual = await db.sessions.create({
    kind: 'individual',
    programId: program.id,
    patientId: patients[0] ?? '',
    leadClinicianId: co.id,
    title: 'Individual session',
    startsAt: now,
    durationMinutes: 50,
  });
  const sign = (u: { id: string; role: 'admin' | 'clinician'; displayName: string }) =>
    tokens.signStaff(u).token;
  return {
    adminId: admin.id,
    leadId: lead.id,
    coId: co.id,
    otherId: other.id,
    programId: program.id,
    group1: g1.id,
    group2: g2.id,
    patients,
    outsider: outsider.id,
    session1: s1.id,
    session2: s2.id,
    individual: individual.id,
    tokens: { admin: sign(admin), lead: sign(lead), co: sign(co), other: sign(other) },
  };
}

/** An invite link made through the API by `staffToken`, exchanged for a patient token. */
export async function patientToken(
  server: TestServer,
  staffToken: string,
  sessionId: string,
  patientId: string,
) {
  const invite = await server.app.inject({
    method: 'POST',
    url: `/api/sessions/${sessionId}/invites`,
    headers: { authorization: `Bearer ${staffToken}` },
    payload: { patientId },
  });
  if (invite.statusCode !== 201) throw new Error(`invite failed: ${invite.body}`);
  const url = invite.json().data.url as string;
  const code = url.split('#')[1] ?? '';
  const exchanged = await server.app.inject({
    method: 'POST',
    url: '/api/invites/exchange',
    payload: { code },
  });
  if (exchanged.statusCode !== 200) throw new Error(`exchange failed: ${exchanged.body}`);
  return {
    token: exchanged.json().data.token as string,
    code,
    inviteId: invite.json().data.inviteId as string,
  };
}

/** A patient of the clinic connected through their link, not yet joined. */
export async function patientClient(
  server: TestServer,
  clinic: Clinic,
  index: number,
  sessionId = clinic.session1,
) {
  const patientId = clinic.patients[index] ?? '';
  const { token } = await patientToken(server, clinic.tokens.lead, sessionId, patientId);
  const client = await TestClient.connect(server.url, token);
  return { client, patientId, token };
}

/** A patient connected and checked in to the waiting room. */
export async function waitingPatient(
  server: TestServer,
  clinic: Clinic,
  index: number,
  sessionId = clinic.session1,
) {
  const { client, patientId, token } = await patientClient(server, clinic, index, sessionId);
  const joined = await client.join(sessionId, { checkIn: checkIn() });
  return { client, participantId: joined.participantId, patientId, token };
}

export async function staffClient(server: TestServer, token: string, sessionId: string) {
  const client = await TestClient.connect(server.url, token);
  const joined = await client.join(sessionId);
  return { client, participantId: joined.participantId };
}

/** The lead of session 1 and two of its patients, all admitted to the group. */
export async function admittedGroup(server: TestServer, clinic: Clinic) {
  const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
  const p1 = await waitingPatient(server, clinic, 0);
  const p2 = await waitingPatient(server, clinic, 1);
  await lead.client.ok('mod:admitAll', {});
  await p2.client.waitFor('room:snapshot');
  return { lead, p1, p2, clients: [lead.client, p1.client, p2.client] };
}

/** The date of instant `ms` in New York, the seeded program's zone: 'YYYY-MM-DD'. */
export const newYorkDate = (ms: number): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(ms));

/** Ends (or moves the end of) a patient's enrollment in a group, as an admin. */
export const endEnrollment = (
  server: TestServer,
  clinic: Clinic,
  groupId: string,
  patientId: string,
  endDate: string,
) =>
  server.app.inject({
    method: 'POST',
    url: `/api/groups/${groupId}/enrollments/${patientId}/end`,
    headers: { authorization: `Bearer ${clinic.tokens.admin}` },
    payload: { endDate },
  });
