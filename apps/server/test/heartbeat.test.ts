import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Database } from '@haven/db';
import { Heartbeat } from '../src/attendance/heartbeat.js';
import { DbLedger } from '../src/attendance/db-ledger.js';
import { SessionHosts } from '../src/rooms/hosts.js';
import type { LedgerEventType } from '../src/attendance/ledger.js';
import { BACKENDS, startServer, type TestServer } from './helpers/server.js';
import { seedClinic, type Clinic } from './helpers/clinic.js';
import { refuseWrites } from './helpers/refuse-writes.js';

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

  /** Each node's heartbeat keeps what it has seen of the others, as a running node does. */
  let nodes: Map<string, Heartbeat>;

  beforeEach(async () => {
    server = await startServer({ backend });
    clinic = await seedClinic(server);
    db = server.app.db;
    now = T0;
    nodes = new Map();
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
  /** A new process's heartbeat for `node`: it has seen nothing yet. */
  const heartbeat = (node: string) => new Heartbeat(db, node, 15_000, clock, quiet, clock);
  /** The running heartbeat of `node`: the same one at every call in a test. */
  const running = (node: string) => {
    const found = nodes.get(node) ?? heartbeat(node);
    nodes.set(node, found);
    return found;
  };
  const hosts = (node: string, nodeClock = clock) => {
    const beat = running(node);
    return new SessionHosts(
      db,
      node,
      (n, at) => beat.silent(n, at),
      nodeClock,
      (id) => beat.adopt(id),
    );
  };

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
    now = T0 + 3 * MIN;
    await db.attendance.heartbeat('node-gone', now);
    await db.attendance.heartbeat('node-live', now);
    // Nodes b and c read everyone's heartbeat at every interval.
    const sweepers = [running('node-b'), running('node-c')];
    for (const sweeper of sweepers) expect(await sweeper.sweep()).toBe(0);
    now = T0 + 10 * MIN;
    await db.attendance.heartbeat('node-live', now);

    // Two nodes sweep at once: the stay gets one restart.
    const closed = await Promise.all(sweepers.map((sweeper) => sweeper.sweep()));
    expect(closed.reduce((sum, n) => sum + n, 0)).toBe(1);
    expect(await typesOf(gone)).toEqual(['arrived', 'admitted', 'server_restart']);
    expect((await db.attendance.eventsForStays([gone])).at(-1)?.at).toBe(T0 + 3 * MIN);
    expect(await typesOf(live)).toEqual(['arrived', 'admitted']);
    expect((await db.attendance.stayById(live))?.closed).toBe(false);
  });

  it('gives a session to one node at a time, and to another once the first falls silent', async () => {
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
    await hosts('node-a').claim(clinic.session1);
    now = T0 + 3 * MIN;
    await running('node-b').sweep();
    // Node a crashes; two minutes later node b takes the session over as the patient
    // comes back, before its own sweep has closed those stays.
    now = T0 + 5 * MIN;
    await db.attendance.heartbeat('node-b', now);
    await hosts('node-b').claim(clinic.session1);
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

  it('does not take a node whose clock runs behind for gone while its heartbeat moves', async () => {
    const live = await stay('node-behind', 0, ['arrived', 'admitted']);
    // Its clock runs five minutes behind node b's.
    const behind = () => now - 5 * MIN;
    const beat = () => db.attendance.heartbeat('node-behind', behind());
    await beat();
    await hosts('node-behind', behind).claim(clinic.session1);
    const sweeper = running('node-b');
    for (let i = 0; i < 5; i += 1) {
      expect(await sweeper.sweep()).toBe(0);
      await expect(hosts('node-b').claim(clinic.session1)).rejects.toMatchObject({
        code: 'SESSION_ELSEWHERE',
      });
      now += 30_000;
      await beat();
    }
    expect(await typesOf(live)).toEqual(['arrived', 'admitted']);
    // It stops beating: a minute later by node b's clock, node b takes it for gone.
    await sweeper.sweep();
    now += 60_000;
    expect(await sweeper.sweep()).toBe(1);
    await hosts('node-b').claim(clinic.session1);
  });

  it('does not take a live node for gone when the observer’s wall clock jumps forward', async () => {
    const live = await stay('node-live', 0, ['arrived', 'admitted']);
    await db.attendance.heartbeat('node-live', now);
    let steady = 0;
    const sweeper = new Heartbeat(db, 'node-b', 15_000, clock, quiet, () => steady);
    await sweeper.sweep();
    // Set two minutes forward (a time server's correction) before node-live beats again.
    now += 2 * MIN;
    steady += 1_000;
    expect(await sweeper.sweep()).toBe(0);
    expect(await typesOf(live)).toEqual(['arrived', 'admitted']);
  });

  it('does not take an outage of the database for the silence of the nodes it stopped', async () => {
    const live = await stay('node-live', 0, ['arrived', 'admitted']);
    await db.attendance.heartbeat('node-live', now);
    await hosts('node-live').claim(clinic.session1);
    const sweeper = running('node-b');
    await sweeper.tick();
    // The database refuses every heartbeat for three minutes, node b's and node-live's.
    const lift = await refuseWrites(db, {
      name: 'heartbeat_outage',
      table: 'attendance_heartbeats',
      operation: 'insert',
    });
    for (let i = 0; i < 12; i += 1) {
      now += 15_000;
      await sweeper.tick();
    }
    await lift();
    // Back, node b beats and sweeps before node-live has beaten again.
    now += 5_000;
    await sweeper.tick();
    expect(await typesOf(live)).toEqual(['arrived', 'admitted']);
    await expect(hosts('node-b').claim(clinic.session1)).rejects.toMatchObject({
      code: 'SESSION_ELSEWHERE',
    });
    // Node-live never comes back: it is gone once node b has seen that for a minute.
    now += 60_000;
    await sweeper.tick();
    expect(await typesOf(live)).toEqual(['arrived', 'admitted', 'server_restart']);
    await hosts('node-b').claim(clinic.session1);
  });

  it('notices another running process using its node id, and answers its health with 503', async () => {
    const [first, second] = [running('node-a'), heartbeat('node-a')];
    await first.tick();
    await first.tick();
    expect(first.sharedNodeId).toBe(false);
    // The second process's first beat replaces what it takes for its predecessor's.
    await second.tick();
    expect(second.sharedNodeId).toBe(false);
    await first.tick();
    await second.tick();
    expect([first.sharedNodeId, second.sharedNodeId]).toEqual([true, true]);
    // The first stops: the second finds its own heartbeat again.
    await second.tick();
    expect(second.sharedNodeId).toBe(false);

    const health = () => server.app.inject({ method: 'GET', url: '/api/health' });
    expect((await health()).statusCode).toBe(200);
    await db.attendance.heartbeat(server.config.nodeId, now, 'another process');
    await server.app.clinic.heartbeat.tick();
    const refused = await health();
    expect(refused.statusCode).toBe(503);
    expect(refused.json().data.status).toBe('node_id_in_use');
    await server.app.clinic.heartbeat.tick();
    expect((await health()).statusCode).toBe(200);
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
