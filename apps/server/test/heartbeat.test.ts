import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Database } from '@haven/db';
import { Heartbeat } from '../src/attendance/heartbeat.js';
import { DbLedger } from '../src/attendance/db-ledger.js';
import { SessionHosts } from '../src/rooms/hosts.js';
import type { LedgerEventType } from '../src/attendance/ledger.js';
import { BACKENDS, startServer, type TestServer } from './helpers/server.js';
import { seedClinic, type Clinic } from './helpers/clinic.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 2, 15);
const quiet = pino({ level: 'silent' });

/**
 * Closing the stays a server left open: only those whose end was never recorded, by the
 * node that wrote them after a restart or by any node once their writer fell silent.
 */
describe.each(BACKENDS)('stays left open (%s)', (backend) => {
  let server: TestServer;
  let clinic: Clinic;
  let db: Database;
  let now = T0;
  const clock = () => now;

  beforeEach(async () => {
    server = await startServer({ backend });
    clinic = await seedClinic(server);
    db = server.app.db;
    now = T0;
  });
  afterEach(async () => server.close());

  /** A patient's stay in session 1 as `node` records it, one event a minute from T0. */
  async function stay(node: string, patient: number, types: LedgerEventType[]) {
    const ledger = new DbLedger(db, node);
    const subject = {
      subjectId: clinic.patients[patient] ?? '',
      subjectKind: 'patient' as const,
      role: 'patient' as const,
      displayName: `Pat ${patient}`,
    };
    for (const [i, type] of types.entries())
      await ledger.record({ sessionId: clinic.session1, subject, type, at: T0 + i * MIN });
    const stays = await db.attendance.staysForSession(clinic.session1);
    const found = stays.find((s) => s.subjectId === subject.subjectId);
    if (!found) throw new Error('no stay');
    return found.id;
  }

  const typesOf = async (stayId: string) =>
    (await db.attendance.eventsForStays([stayId])).map((e) => e.type);
  const heartbeat = (node: string) => new Heartbeat(db, node, 15_000, clock, quiet);

  it('adds nothing to stays that ended, and closes what the last process left open', async () => {
    const left = await stay('node-a', 0, ['arrived', 'admitted', 'left']);
    const open = await stay('node-a', 1, ['arrived', 'admitted']);
    expect((await db.attendance.stayById(left))?.closed).toBe(true);
    await db.attendance.heartbeat('node-a', T0 + 5 * MIN);
    now = T0 + 30 * MIN;

    expect(await heartbeat('node-a').recover()).toBe(1);
    expect(await typesOf(left)).toEqual(['arrived', 'admitted', 'left']);
    expect(await typesOf(open)).toEqual(['arrived', 'admitted', 'server_restart']);
    const restart = (await db.attendance.eventsForStays([open])).at(-1);
    expect(restart?.at).toBe(T0 + 5 * MIN);
    // A second start finds nothing more to do.
    expect(await heartbeat('node-a').recover()).toBe(0);
    expect(await typesOf(open)).toHaveLength(3);
  });

  it('opens a stay again when the person comes back after leaving, and closes it after a crash', async () => {
    // One ledger (it keeps the stay's id) sees the leave and the return, as a node does.
    const back = await stay('node-a', 0, ['arrived', 'admitted', 'left', 'arrived', 'admitted']);
    expect((await db.attendance.stayById(back))?.closed).toBe(false);
    await db.attendance.heartbeat('node-a', T0 + 9 * MIN);
    expect(await heartbeat('node-a').recover()).toBe(1);
    expect((await typesOf(back)).at(-1)).toBe('server_restart');
    expect((await db.attendance.stayById(back))?.closed).toBe(true);
  });

  it('only marks closed a stay whose end was recorded before stays were closed with it', async () => {
    const ended = await stay('node-a', 0, ['arrived', 'admitted']);
    await db.attendance.appendEvent(ended, { type: 'session_ended', at: T0 + 9 * MIN });
    expect((await db.attendance.stayById(ended))?.closed).toBe(false);
    await heartbeat('node-a').recover();
    expect(await typesOf(ended)).toEqual(['arrived', 'admitted', 'session_ended']);
    expect((await db.attendance.stayById(ended))?.closed).toBe(true);
  });

  it('closes the stays of a node gone silent at its last heartbeat, and leaves a live node’s', async () => {
    const gone = await stay('node-gone', 0, ['arrived', 'admitted']);
    const live = await stay('node-live', 1, ['arrived', 'admitted']);
    await db.attendance.heartbeat('node-gone', T0 + 3 * MIN);
    now = T0 + 10 * MIN;
    await db.attendance.heartbeat('node-live', now);
    await db.attendance.heartbeat('node-b', now);

    // Two nodes sweep at once: the stay gets one restart.
    const [a, b] = await Promise.all([heartbeat('node-b').sweep(), heartbeat('node-c').sweep()]);
    expect(a + b).toBe(1);
    expect(await typesOf(gone)).toEqual(['arrived', 'admitted', 'server_restart']);
    expect((await db.attendance.eventsForStays([gone])).at(-1)?.at).toBe(T0 + 3 * MIN);
    expect(await typesOf(live)).toEqual(['arrived', 'admitted']);
    expect((await db.attendance.stayById(live))?.closed).toBe(false);
  });

  it('gives a session to one node at a time, and to another once the first falls silent', async () => {
    const hosts = (node: string) => new SessionHosts(db, node, 60_000, clock);
    await db.attendance.heartbeat('node-a', now);
    await db.attendance.heartbeat('node-b', now);
    await hosts('node-a').claim(clinic.session1);
    await hosts('node-a').claim(clinic.session1); // its own again: fine
    await expect(hosts('node-b').claim(clinic.session1)).rejects.toMatchObject({
      code: 'SESSION_ELSEWHERE',
    });
    // Node a stops beating: a minute later node b may run the session.
    now += 61_000;
    await db.attendance.heartbeat('node-b', now);
    await hosts('node-b').claim(clinic.session1);
    await expect(hosts('node-a').claim(clinic.session1)).rejects.toMatchObject({
      code: 'SESSION_ELSEWHERE',
    });
    // Released, it is anyone's.
    await hosts('node-b').release(clinic.session1);
    await hosts('node-a').claim(clinic.session1);
  });

  it('closes at its last heartbeat what a silent host left open, when another node takes the session', async () => {
    const taken = await stay('node-a', 0, ['arrived', 'admitted']);
    const other = await stay('node-a', 1, ['arrived']);
    await db.attendance.heartbeat('node-a', T0 + 3 * MIN);
    await new SessionHosts(db, 'node-a', 60_000, clock).claim(clinic.session1);
    // Node a crashes; two minutes later node b takes the session over as the patient
    // comes back, before any sweep has run.
    now = T0 + 5 * MIN;
    await db.attendance.heartbeat('node-b', now);
    const adopting = heartbeat('node-b');
    await new SessionHosts(db, 'node-b', 60_000, clock, (id) => adopting.adopt(id)).claim(
      clinic.session1,
    );
    for (const id of [taken, other]) {
      expect(await typesOf(id)).toEqual(expect.arrayContaining(['server_restart']));
      expect((await db.attendance.stayById(id))?.closed).toBe(true);
    }
    expect((await db.attendance.eventsForStays([taken])).at(-1)?.at).toBe(T0 + 3 * MIN);
    // The patient arrives in node b's waiting room: their presence ended with node a, and
    // does not run on through the outage and the wait.
    await new DbLedger(db, 'node-b').record({
      sessionId: clinic.session1,
      subject: {
        subjectId: clinic.patients[0] ?? '',
        subjectKind: 'patient',
        role: 'patient',
        displayName: 'Pat 0',
      },
      type: 'arrived',
      at: now,
    });
    now = T0 + 60 * MIN;
    const rows = await server.app.inject({
      method: 'GET',
      url: `/api/attendance/sessions/${clinic.session1}`,
      headers: { authorization: `Bearer ${clinic.tokens.admin}` },
    });
    expect(rows.statusCode).toBe(200);
    const row = (
      rows.json().data.rows as { subjectId: string; summary: { minutesPresent: number } }[]
    ).find((r) => r.subjectId === clinic.patients[0]);
    expect(row?.summary.minutesPresent).toBe(2);
    // A session the node takes back from itself (after an idle release) keeps its stays.
    const own = heartbeat('node-b');
    expect(await own.adopt(clinic.session1)).toBe(0);
  });

  it('gives an ended session to no node, even after its host fell silent holding it', async () => {
    const hosts = (node: string) => new SessionHosts(db, node, 60_000, clock);
    const ended = { code: 'SESSION_ENDED' };
    await db.attendance.heartbeat('node-a', now);
    await hosts('node-a').claim(clinic.session1);
    // Node a ends the session and stops before letting it go.
    await db.sessions.setStatus(clinic.session1, 'ended', now, 'ended_by_clinician');
    now += 61_000;
    await db.attendance.heartbeat('node-b', now);
    await expect(hosts('node-b').claim(clinic.session1)).rejects.toMatchObject(ended);
    await expect(hosts('node-a').claim(clinic.session1)).rejects.toMatchObject(ended);
    await hosts('node-a').release(clinic.session1);
    await expect(hosts('node-b').claim(clinic.session1)).rejects.toMatchObject(ended);
    const held = await db.db.selectFrom('session_hosts').select('node_id').execute();
    expect(held).toEqual([]);
    // A session nobody ended is still anyone's.
    await hosts('node-b').claim(clinic.session2);
  });

  it('refuses a join that looked the session up before another node ended it', async () => {
    const { registry, directory } = server.app.clinic;
    const resolved = await directory.resolve(clinic.session1);
    const lookedUpAt = performance.now();
    // Ended on another node, which has let it go.
    await db.sessions.setStatus(clinic.session1, 'ended', Date.now(), 'ended_by_clinician');
    await expect(registry.open(resolved, lookedUpAt)).rejects.toMatchObject({
      code: 'SESSION_ENDED',
    });
    expect(registry.live(clinic.session1)).toBeUndefined();
  });
});
