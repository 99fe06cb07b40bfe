import { randomUUID } from 'node:crypto';
import { addDays, canonicalJson, isoWeekday, zonedTimeToUtc, type Database } from '@haven/db';

/** A year of a program: GROUPS groups of PER_GROUP patients meeting every weekday. */
export const GROUPS = 50;
export const PER_GROUP = 10;
export const WEEKS = 52;
export const TIME_ZONE = 'America/New_York';
const START_TIME = '18:00';
const MINUTES = 180;
/** Share of enrolled patients who attend a given session. */
const ATTENDANCE = 0.8;

export interface Program {
  programId: string;
  adminId: string;
  clinicians: string[];
  groups: { id: string; lead: string; patients: { id: string; name: string }[] }[];
  firstDay: string;
  /** Every session: its group and start, oldest first. */
  sessions: { id: string; group: number; startsAt: number }[];
}

const CHECK_IN = canonicalJson({
  location: 'Home',
  state: 'NY',
  atHome: true,
  privatePlace: true,
  emergencyContact: { name: 'Robin Doe', phone: '555-0100' },
  agreedToRules: true,
});

/**
 * The program's people and calendar through the repositories (a few hundred rows),
 * then the sessions with multi-row inserts. Deterministic from `seed`.
 */
export async function createProgram(db: Database, firstDay: string): Promise<Program> {
  const admin = await db.staff.create({
    email: 'admin@bench.test',
    displayName: 'Ada Admin',
    role: 'admin',
    passwordHash: 'x',
  });
  const program = await db.programs.create({
    name: 'Evening IOP',
    weeklyHoursRequired: 9,
    billingCode: 'H0015',
    minBillableMinutes: 120,
    telehealthAllowed: true,
    audioOnlyAllowed: true,
    timeZone: TIME_ZONE,
  });
  const clinicians: string[] = [];
  for (let i = 0; i < GROUPS / 2; i++) {
    const c = await db.staff.create({
      email: `c${i}@bench.test`,
      displayName: `Clinician ${i}`,
      role: 'clinician',
      passwordHash: 'x',
    });
    clinicians.push(c.id);
  }
  const groups: Program['groups'] = [];
  for (let g = 0; g < GROUPS; g++) {
    const lead = clinicians[g % clinicians.length]!;
    const group = await db.groups.create({
      programId: program.id,
      name: `Group ${g}`,
      leadClinicianId: lead,
      weekdays: [1, 2, 3, 4, 5],
      startTime: START_TIME,
      durationMinutes: MINUTES,
      timeZone: TIME_ZONE,
    });
    const patients: { id: string; name: string }[] = [];
    for (let p = 0; p < PER_GROUP; p++) {
      const name = `Patient ${g}-${p}`;
      const patient = await db.patients.create({ legalName: `${name} Test`, displayName: name });
      await db.groups.enroll(group.id, patient.id, firstDay);
      patients.push({ id: patient.id, name });
    }
    groups.push({ id: group.id, lead, patients });
  }
  const sessions: Program['sessions'] = [];
  const rows: object[] = [];
  for (let day = 0; day < WEEKS * 7; day++) {
    const date = addDays(firstDay, day);
    if (isoWeekday(date) > 5) continue;
    const startsAt = zonedTimeToUtc(date, START_TIME, TIME_ZONE);
    for (let g = 0; g < GROUPS; g++) {
      const id = randomUUID();
      sessions.push({ id, group: g, startsAt });
      rows.push({
        id,
        kind: 'group',
        program_id: program.id,
        group_id: groups[g]!.id,
        patient_id: null,
        lead_clinician_id: groups[g]!.lead,
        title: `Group ${g}`,
        starts_at: startsAt,
        duration_minutes: MINUTES,
        status: 'ended',
        opened_at: startsAt - 10 * 60_000,
        ended_at: startsAt + MINUTES * 60_000,
        end_reason: 'ended_by_clinician',
        created_at: startsAt - 30 * 86_400_000,
      });
    }
  }
  await insertAll(db, 'sessions', rows);
  return { programId: program.id, adminId: admin.id, clinicians, groups, firstDay, sessions };
}

/** A small deterministic generator, so every run writes the same year. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export interface PlannedStay {
  sessionId: string;
  subjectId: string;
  kind: 'patient' | 'staff';
  role: 'patient' | 'clinician';
  name: string;
  /** The ledger events of the stay, in order. */
  events: { type: string; at: number; data: Record<string, unknown> | null }[];
}

/** Who came to `session` and what the ledger saw of each: arrive, admit, video, maybe a drop, leave. */
export function planSession(
  program: Program,
  session: Program['sessions'][number],
  rand: () => number,
): PlannedStay[] {
  const group = program.groups[session.group]!;
  const start = session.startsAt;
  const end = start + MINUTES * 60_000;
  const stays: PlannedStay[] = [
    {
      sessionId: session.id,
      subjectId: group.lead,
      kind: 'staff',
      role: 'clinician',
      name: 'Lead',
      events: [
        { type: 'arrived', at: start - 10 * 60_000, data: null },
        { type: 'media_mode', at: start - 10 * 60_000 + 2_000, data: { mode: 'video' } },
        { type: 'left', at: end, data: null },
      ],
    },
  ];
  for (const patient of group.patients) {
    if (rand() > ATTENDANCE) continue;
    const arrive = start - 5 * 60_000 + Math.floor(rand() * 15 * 60_000);
    const admitted = arrive + 30_000 + Math.floor(rand() * 120_000);
    const events: PlannedStay['events'] = [
      { type: 'arrived', at: arrive, data: null },
      { type: 'admitted', at: admitted, data: null },
      {
        type: 'media_mode',
        at: admitted + 1_500,
        data: { mode: rand() < 0.9 ? 'video' : 'audio' },
      },
    ];
    if (rand() < 0.15) {
      const lost = admitted + Math.floor(rand() * 90 * 60_000);
      events.push({ type: 'connection_lost', at: lost, data: null });
      events.push({
        type: 'reconnected',
        at: lost + 20_000 + Math.floor(rand() * 60_000),
        data: null,
      });
    }
    events.push({ type: 'left', at: end - Math.floor(rand() * 10 * 60_000), data: null });
    stays.push({
      sessionId: session.id,
      subjectId: patient.id,
      kind: 'patient',
      role: 'patient',
      name: patient.name,
      events,
    });
  }
  return stays;
}

/** Writes stays the way the server does: openStay, a check-in for patients, one appendEvent per event. */
export async function writeThroughRepositories(
  db: Database,
  stays: readonly PlannedStay[],
): Promise<number> {
  let events = 0;
  for (const s of stays) {
    const first = s.events[0]!;
    const { stay } = await db.attendance.openStay({
      sessionId: s.sessionId,
      subjectId: s.subjectId,
      subjectKind: s.kind,
      role: s.role,
      displayName: s.name,
      at: first.at,
    });
    const checkIn =
      s.kind === 'patient'
        ? await db.checkIns.add({
            sessionId: s.sessionId,
            patientId: s.subjectId,
            answers: JSON.parse(CHECK_IN),
            at: first.at,
          })
        : null;
    for (const [i, e] of s.events.entries()) {
      await db.attendance.appendEvent(stay.id, {
        type: e.type,
        at: e.at,
        data: e.data as never,
        checkInId: i === 0 ? (checkIn?.id ?? null) : null,
        nodeId: 'bench',
      });
      events++;
    }
  }
  return events;
}

/** The same rows with multi-row inserts, for the bulk of the year. Returns rows written. */
export async function writeInBulk(db: Database, stays: readonly PlannedStay[]): Promise<number> {
  const stayRows: object[] = [];
  const checkIns: object[] = [];
  const events: object[] = [];
  for (const s of stays) {
    const id = randomUUID();
    const first = s.events[0]!;
    const last = s.events.at(-1)!;
    stayRows.push({
      id,
      session_id: s.sessionId,
      subject_id: s.subjectId,
      subject_kind: s.kind,
      role: s.role,
      display_name: s.name,
      first_event_at: first.at,
      last_event_at: last.at,
      closed: 1 as const,
    });
    const checkInId = s.kind === 'patient' ? randomUUID() : null;
    if (checkInId) {
      checkIns.push({
        id: checkInId,
        session_id: s.sessionId,
        patient_id: s.subjectId,
        answers: CHECK_IN,
        at: first.at,
      });
    }
    s.events.forEach((e, i) =>
      events.push({
        stay_id: id,
        session_id: s.sessionId,
        type: e.type,
        at: e.at,
        check_in_id: i === 0 ? checkInId : null,
        data: e.data ? canonicalJson(e.data as never) : null,
        node_id: 'bench',
      }),
    );
  }
  await insertAll(db, 'attendance_stays', stayRows);
  await insertAll(db, 'check_ins', checkIns);
  await insertAll(db, 'attendance_events', events);
  return stayRows.length + checkIns.length + events.length;
}

const BATCH = 400;

async function insertAll(
  db: Database,
  table: 'sessions' | 'attendance_stays' | 'check_ins' | 'attendance_events',
  rows: readonly object[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH * 10) {
    await db.db.transaction().execute(async (trx) => {
      for (let j = i; j < Math.min(rows.length, i + BATCH * 10); j += BATCH) {
        await trx
          .insertInto(table)
          .values(rows.slice(j, j + BATCH) as never)
          .execute();
      }
    });
  }
}
