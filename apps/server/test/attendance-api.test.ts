import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, startServer, TestClock, type TestServer } from './helpers/server.js';
import { checkIn, patientToken, seedClinic, staffClient, type Clinic } from './helpers/clinic.js';
import { TestClient } from './helpers/client.js';
import { publish, setUpMedia } from './helpers/media.js';
import { refuseWrites } from './helpers/refuse-writes.js';
import { DbLedger } from '../src/attendance/db-ledger.js';

const MIN = 60_000;

interface Line {
  stayId: string;
  subjectId: string;
  displayName: string;
  summary: {
    minutesPresent: number;
    minutesVideo: number;
    minutesAudioOnly: number;
    minutesLate: number;
    drops: number;
    leftEarly: boolean;
    endedBy: string;
    placeOfService: string | null;
    modifier: string | null;
    billable: boolean;
  };
  original: { minutesPresent: number };
  corrections: { reason: string }[];
}

/**
 * A session run through the real server on a controlled clock; the roster, sign-off,
 * corrections and exports then read back exactly what happened.
 */
describe.each(BACKENDS)('attendance through the server (%s)', (backend) => {
  let server: TestServer;
  let clinic: Clinic;
  let clock: TestClock;
  const open: TestClient[] = [];

  beforeEach(async () => {
    clock = new TestClock();
    clock.freeze(Date.UTC(2026, 10, 23, 23, 0)); // Monday 18:00 in New York
    server = await startServer({ backend, clock });
    clinic = await seedClinic(server);
  });
  afterEach(async () => {
    for (const c of open.splice(0)) c.close();
    await server.close();
  });

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const eventCount = async () =>
    (await server.app.db.attendance.eventsForSession(clinic.session1)).length;
  /** Waits until the server has written `n` more events (disconnects are processed asynchronously). */
  async function settled(before: number, more = 1) {
    for (let i = 0; i < 100 && (await eventCount()) < before + more; i++)
      await new Promise((r) => setTimeout(r, 20));
  }

  async function patient(index: number, atHome = true) {
    const { token } = await patientToken(
      server,
      clinic.tokens.lead,
      clinic.session1,
      clinic.patients[index] ?? '',
    );
    const client = await TestClient.connect(server.url, token);
    open.push(client);
    const { participantId } = await client.join(clinic.session1, { checkIn: checkIn({ atHome }) });
    return { client, participantId, token };
  }

  it('records drops, step-outs, audio only and late arrival as exact minutes and billing fields', async () => {
    const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
    open.push(lead.client);
    const p0 = await patient(0);
    const p1 = await patient(1, false);
    await lead.client.ok('mod:admitAll', {});
    const m0 = await setUpMedia(p0.client);
    await publish(p0.client, m0.sendId); // p0 on video from the start
    const m1 = await setUpMedia(p1.client);
    await p1.client.ok('media:produce', {
      transportId: m1.sendId,
      kind: 'audio',
      source: 'mic',
      rtpParameters: (await import('./helpers/media.js')).opus(),
    }); // p1 audio only

    clock.advance(30 * MIN);
    const before = await eventCount();
    p0.client.close(); // drop
    await settled(before);
    clock.advance(5 * MIN);
    const back = await TestClient.connect(server.url, p0.token);
    open.push(back);
    await back.join(clinic.session1); // reconnect: same stay, no new check-in needed
    const m0b = await setUpMedia(back);
    await publish(back, m0b.sendId);

    clock.advance(20 * MIN);
    await lead.client.ok('mod:stepOut', { participantId: p0.participantId });
    clock.advance(10 * MIN);
    await lead.client.ok('mod:return', {});

    // A late arrival, 75 minutes after the scheduled start.
    clock.advance(5 * MIN);
    const late = await patient(2);
    await lead.client.ok('mod:admit', { participantId: late.participantId });
    clock.advance(60 * MIN);
    await late.client.ok('room:leave', {}); // leaves early
    clock.advance(50 * MIN);
    await lead.client.ok('mod:end', {});

    const res = await server.app.inject({
      method: 'GET',
      url: `/api/attendance/sessions/${clinic.session1}?purpose=treatment`,
      headers: as(clinic.tokens.lead),
    });
    expect(res.statusCode).toBe(200);
    const rows = res.json().data.rows as Line[];
    const byName = (n: string) => rows.find((r) => r.displayName === n)?.summary;
    // p0: 30 + (20 + 10 + 5 + 60 + 50) = 175 present, 5 away; video throughout.
    expect(byName('Pat 0')).toMatchObject({
      minutesPresent: 175,
      minutesVideo: 175,
      minutesAudioOnly: 0,
      drops: 1,
      endedBy: 'session_ended',
      placeOfService: '10',
      modifier: '95',
      billable: true,
      leftEarly: false,
    });
    // p1: audio only all 180 minutes, not at home.
    expect(byName('Pat 1')).toMatchObject({
      minutesPresent: 180,
      minutesVideo: 0,
      minutesAudioOnly: 180,
      drops: 0,
      placeOfService: '02',
      modifier: '93',
      billable: true,
    });
    // Pat 2: arrived 75 minutes late (the session started 5 minutes before the clock was frozen), stayed 60.
    expect(byName('Pat 2')).toMatchObject({
      minutesPresent: 60,
      minutesLate: 75,
      leftEarly: true,
      endedBy: 'left',
      billable: false,
    });
    expect(rows.filter((r) => r.displayName === 'Pat 0')).toHaveLength(1); // one row despite the reconnect

    // Sign-off, then a correction: a new record with author and reason, the original kept.
    expect(
      (
        await server.app.inject({
          method: 'POST',
          url: `/api/attendance/sessions/${clinic.session1}/signoff`,
          headers: as(clinic.tokens.lead),
          payload: { note: 'Reviewed' },
        })
      ).statusCode,
    ).toBe(201);
    const pat2 = rows.find((r) => r.displayName === 'Pat 2');
    const noReason = await server.app.inject({
      method: 'POST',
      url: `/api/attendance/stays/${pat2?.stayId}/corrections`,
      headers: as(clinic.tokens.lead),
      payload: { field: 'minutesPresent', value: 120 },
    });
    expect(noReason.json().error.code).toBe('BAD_REQUEST');
    // Presence placed a day away from the session (a mistyped date) is refused.
    const session = await server.app.db.sessions.byId(clinic.session1);
    const startsAt = session?.startsAt ?? 0;
    const farOff = await server.app.inject({
      method: 'POST',
      url: `/api/attendance/stays/${pat2?.stayId}/corrections`,
      headers: as(clinic.tokens.lead),
      payload: {
        field: 'presentIntervals',
        value: [{ from: startsAt + 86_400_000, to: startsAt + 86_400_000 + 60 * MIN }],
        reason: 'Joined by phone',
      },
    });
    expect(farOff.json().error).toMatchObject({ code: 'BAD_REQUEST' });
    // So is a count of minutes longer than that window (900 typed for 90).
    const tooMany = await server.app.inject({
      method: 'POST',
      url: `/api/attendance/stays/${pat2?.stayId}/corrections`,
      headers: as(clinic.tokens.lead),
      payload: { field: 'minutesPresent', value: 900, reason: 'Joined by phone' },
    });
    expect(tooMany.json().error).toMatchObject({ code: 'BAD_REQUEST' });
    const corrected = await server.app.inject({
      method: 'POST',
      url: `/api/attendance/stays/${pat2?.stayId}/corrections`,
      headers: as(clinic.tokens.lead),
      payload: {
        field: 'minutesPresent',
        value: 120,
        reason: 'Joined by phone for the first hour',
      },
    });
    expect(corrected.statusCode).toBe(201);
    const after = (
      await server.app.inject({
        method: 'GET',
        url: `/api/attendance/sessions/${clinic.session1}`,
        headers: as(clinic.tokens.lead),
      })
    ).json().data;
    const line = (after.rows as Line[]).find((r) => r.displayName === 'Pat 2');
    expect(line?.summary.minutesPresent).toBe(120);
    expect(line?.summary.billable).toBe(true);
    expect(line?.original.minutesPresent).toBe(60);
    expect(line?.corrections.map((c) => c.reason)).toEqual(['Joined by phone for the first hour']);
    expect(after.signoffs).toHaveLength(1);

    // Every read and export is itself in the audit trail, with its purpose.
    const csv = await server.app.inject({
      method: 'GET',
      url: `/api/attendance/export.csv?purpose=billing&from=${clock.now() - 30 * 86_400_000}&to=${clock.now() + MIN}`,
      headers: as(clinic.tokens.admin),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n').filter((l) => l.length > 0)).toHaveLength(1 + 3);
    const noPurpose = await server.app.inject({
      method: 'GET',
      url: `/api/attendance/export.csv?from=${clock.now() - 86_400_000}&to=${clock.now()}`,
      headers: as(clinic.tokens.admin),
    });
    expect(noPurpose.json().error.code).toBe('BAD_REQUEST');
    // A patient's consent discloses that patient only, never everyone's records.
    const everyone = await server.app.inject({
      method: 'GET',
      url: `/api/attendance/export.csv?purpose=court_order_with_consent&from=${clock.now() - 86_400_000}&to=${clock.now()}`,
      headers: as(clinic.tokens.admin),
    });
    expect(everyone.json().error.code).toBe('BAD_REQUEST');
    const fhir = await server.app.inject({
      method: 'GET',
      url: `/api/attendance/export.fhir.json?purpose=audit&from=${clock.now() - 30 * 86_400_000}&to=${clock.now() + MIN}`,
      headers: as(clinic.tokens.admin),
    });
    const bundle = fhir.json();
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.entry).toHaveLength(3);
    const audit = await server.app.db.audit.list({ limit: 1000 });
    const exports = audit.filter((e) => e.action.startsWith('attendance.'));
    expect(exports.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'attendance.view_session',
        'attendance.signoff',
        'attendance.correct',
        'attendance.export_csv',
        'attendance.export_fhir',
      ]),
    );
    const disclosed = (await server.app.db.attendance.staysForSession(clinic.session1))
      .filter((s) => s.subjectKind === 'patient')
      .map((s) => s.subjectId)
      .sort();
    expect(exports.find((e) => e.action === 'attendance.export_csv')?.details).toMatchObject({
      purpose: 'billing',
      rows: 3,
      patients: disclosed.length,
      patientIds: disclosed,
    });
    expect(JSON.stringify(audit)).not.toContain(clinic.tokens.admin);
    expect((await server.app.db.audit.verify()).ok).toBe(true);
  });

  it('reports a patient week and a program week with under-attendance flagged', async () => {
    const lead = await staffClient(server, clinic.tokens.lead, clinic.session1);
    open.push(lead.client);
    const p0 = await patient(0);
    await lead.client.ok('mod:admit', { participantId: p0.participantId });
    clock.advance(180 * MIN);
    await lead.client.ok('mod:end', {});
    const week = await server.app.inject({
      method: 'GET',
      url: `/api/attendance/patients/${clinic.patients[0]}/week?at=${clock.now()}&purpose=treatment`,
      headers: as(clinic.tokens.admin),
    });
    const [first] = week.json().data as {
      week: { minutes: number; underAttended: boolean; billableDays: unknown[] };
    }[];
    expect(first?.week.minutes).toBe(180);
    expect(first?.week.underAttended).toBe(true); // 3 hours of 9
    const future = await server.app.db.patients.create({
      legalName: 'Not Yet Enrolled',
      displayName: 'Not Y.',
    });
    await server.app.db.groups.enroll(clinic.group1, future.id, '2027-01-04');
    const program = await server.app.inject({
      method: 'GET',
      url: `/api/attendance/programs/${clinic.programId}/week?at=${clock.now()}`,
      headers: as(clinic.tokens.admin),
    });
    const report = program.json().data as {
      rows: { displayName: string; minutes: number; underAttended: boolean }[];
      underAttendedCount: number;
    };
    expect(report.rows.map((r) => r.displayName)).toEqual(
      expect.arrayContaining(['Pat 0', 'Pat 1', 'Pat 2', 'Out S.']),
    );
    expect(report.rows.find((r) => r.displayName === 'Pat 0')?.minutes).toBe(180);
    expect(report.rows.find((r) => r.displayName === 'Pat 1')?.minutes).toBe(0);
    // The same week among a group's weeks; the other group's outsider is not in it.
    const weeks = await server.app.inject({
      method: 'GET',
      url: `/api/attendance/programs/${clinic.programId}/weeks?from=2026-11-23&to=2026-11-29&groupId=${clinic.group1}`,
      headers: as(clinic.tokens.admin),
    });
    const { weeks: groupWeeks } = weeks.json().data as {
      weeks: { weekStart: string; rows: { displayName: string; minutes: number }[] }[];
    };
    expect(groupWeeks.map((w) => w.weekStart)).toEqual(['2026-11-23']);
    expect(groupWeeks[0]?.rows.find((r) => r.displayName === 'Pat 0')?.minutes).toBe(180);
    expect(groupWeeks[0]?.rows.map((r) => r.displayName)).not.toContain('Out S.');
    // A group's patients are measured by all their program hours against the program's
    // requirement: Pat 0's individual session that week counts in the group's view too.
    const ledger = new DbLedger(server.app.db, 'test-node');
    const pat0 = {
      subjectId: clinic.patients[0] ?? '',
      subjectKind: 'patient' as const,
      role: 'patient' as const,
      displayName: 'Pat 0',
    };
    const t0 = (await server.app.db.sessions.byId(clinic.individual))?.startsAt ?? 0;
    for (const [type, at] of [
      ['arrived', t0],
      ['admitted', t0],
      ['left', t0 + 50 * MIN],
    ] as const)
      await ledger.record({ sessionId: clinic.individual, subject: pat0, type, at });
    const withIndividual = await server.app.inject({
      method: 'GET',
      url: `/api/attendance/programs/${clinic.programId}/weeks?from=2026-11-23&to=2026-11-29&groupId=${clinic.group1}`,
      headers: as(clinic.tokens.admin),
    });
    const [groupWeek] = (withIndividual.json().data as { weeks: typeof groupWeeks }).weeks;
    expect(groupWeek?.rows.find((r) => r.displayName === 'Pat 0')?.minutes).toBe(230);
    expect(groupWeek?.rows.map((r) => r.displayName)).not.toContain('Out S.');
    // Asked from the Thursday, the week still holds its Monday; so does a patient's range.
    const fromThursday = await server.app.inject({
      method: 'GET',
      url: `/api/attendance/programs/${clinic.programId}/weeks?from=2026-11-26&to=2026-11-29`,
      headers: as(clinic.tokens.admin),
    });
    const thursdayWeeks = (fromThursday.json().data as { weeks: typeof groupWeeks }).weeks;
    expect(thursdayWeeks.map((w) => w.weekStart)).toEqual(['2026-11-23']);
    expect(thursdayWeeks[0]?.rows.find((r) => r.displayName === 'Pat 0')?.minutes).toBe(230);
    const range = await server.app.inject({
      method: 'GET',
      url: `/api/attendance/patients/${clinic.patients[0]}/range?from=2026-11-26&to=2026-11-29`,
      headers: as(clinic.tokens.admin),
    });
    const [ofProgram] = range.json().data as { weeks: { weekStart: string; minutes: number }[] }[];
    expect(ofProgram?.weeks.map((w) => [w.weekStart, w.minutes])).toEqual([['2026-11-23', 230]]);
    // Expected only from the week their enrollment starts.
    expect(report.rows.map((r) => r.displayName)).not.toContain('Not Y.');
    expect(report.underAttendedCount).toBe(report.rows.length);
    // A group of another program, or an instant no calendar can show, is refused.
    const elsewhere = await server.app.db.programs.create({
      name: 'Other program',
      weeklyHoursRequired: 9,
      billingCode: 'S9480',
      minBillableMinutes: 120,
      telehealthAllowed: true,
      audioOnlyAllowed: true,
      timeZone: 'Pacific/Auckland',
    });
    const theirGroup = await server.app.db.groups.create({
      programId: elsewhere.id,
      name: 'Auckland mornings',
      leadClinicianId: clinic.leadId,
      weekdays: [1],
      startTime: '09:00',
      durationMinutes: 180,
      timeZone: 'Pacific/Auckland',
    });
    const asked = (url: string) =>
      server.app.inject({ method: 'GET', url, headers: as(clinic.tokens.admin) });
    const foreignGroup = await asked(
      `/api/attendance/programs/${clinic.programId}/week?groupId=${theirGroup.id}`,
    );
    expect(foreignGroup.json().error.code).toBe('NOT_FOUND');
    const farFuture = await asked(
      `/api/attendance/programs/${clinic.programId}/week?at=9000000000000000`,
    );
    expect(farFuture.json().error.code).toBe('BAD_REQUEST');
    // Twelve hours ahead of UTC, Sunday to Sunday is two weeks: the one ending on the first
    // Sunday and the one ending on the second.
    const auckland = await asked(
      `/api/attendance/programs/${elsewhere.id}/weeks?from=2026-11-22&to=2026-11-29`,
    );
    expect(
      (auckland.json().data as { weeks: { weekStart: string }[] }).weeks.map((w) => w.weekStart),
    ).toEqual(['2026-11-16', '2026-11-23']);
    const clinicianTry = await server.app.inject({
      method: 'GET',
      url: `/api/attendance/programs/${clinic.programId}/week`,
      headers: as(clinic.tokens.lead),
    });
    expect(clinicianTry.statusCode).toBe(403);
  });

  it('writes a sign-off or a correction with its audit entry, or neither; signs a version once', async () => {
    const { db } = server.app;
    await db.sessions.setStatus(clinic.session1, 'ended', clock.now());
    const { stay } = await db.attendance.openStay({
      sessionId: clinic.session1,
      subjectId: clinic.patients[0] ?? '',
      subjectKind: 'patient',
      role: 'patient',
      displayName: 'Pat 0',
      at: clock.now(),
    });
    const lift = await refuseWrites(db, {
      name: 'refuse_audit',
      table: 'audit_log',
      operation: 'insert',
    });
    const signoff = () =>
      server.app.inject({
        method: 'POST',
        url: `/api/attendance/sessions/${clinic.session1}/signoff`,
        headers: as(clinic.tokens.lead),
        payload: {},
      });
    const correct = () =>
      server.app.inject({
        method: 'POST',
        url: `/api/attendance/stays/${stay.id}/corrections`,
        headers: as(clinic.tokens.lead),
        payload: { field: 'minutesPresent', value: 90, reason: 'Joined by phone' },
      });
    expect((await signoff()).statusCode).toBe(500);
    expect((await correct()).statusCode).toBe(500);
    expect(await db.signoffs.listForSession(clinic.session1)).toEqual([]);
    expect(await db.corrections.listForStay(stay.id)).toEqual([]);

    await lift();
    expect((await signoff()).statusCode).toBe(201);
    // The same figures signed again (a double click) are refused...
    expect((await signoff()).json().error.code).toBe('CONFLICT');
    clock.advance(MIN);
    expect((await correct()).statusCode).toBe(201);
    // ...a corrected roster may be signed again.
    clock.advance(MIN);
    expect((await signoff()).statusCode).toBe(201);
    expect(await db.signoffs.listForSession(clinic.session1)).toHaveLength(2);
    // Two clicks that arrive together make one sign-off.
    clock.advance(MIN);
    expect((await correct()).statusCode).toBe(201);
    clock.advance(MIN);
    const together = await Promise.all([signoff(), signoff()]);
    expect(together.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await db.signoffs.listForSession(clinic.session1)).toHaveLength(3);
    const actions = (await db.audit.list({ limit: 100 })).map((e) => e.action);
    expect(actions.filter((a) => a === 'attendance.signoff')).toHaveLength(3);
    expect(actions.filter((a) => a === 'attendance.correct')).toHaveLength(2);
    expect((await db.audit.verify()).ok).toBe(true);
  });
});
