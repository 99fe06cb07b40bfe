import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@haven/db';
import { TokenService } from '../src/auth/tokens.js';
import { TestClient } from './helpers/client.js';
import { checkIn } from './helpers/clinic.js';
import { publish, setUpMedia } from './helpers/media.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const SECRET = 'crash-test-secret-0123456789-abcdefghijklmnop';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** The real server process, as `npm start` runs it. */
async function startProcess(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      HAVEN_ENV: 'development',
      HAVEN_JWT_SECRET: SECRET,
      HAVEN_HOST: '127.0.0.1',
      HAVEN_PORT: String(port),
      HAVEN_DATA_DIR: dataDir,
      HAVEN_WORKERS: '1',
      HAVEN_RTC_LISTEN_IP: '127.0.0.1',
      HAVEN_RTC_MIN_PORT: '44000',
      HAVEN_RTC_MAX_PORT: '44999',
      HAVEN_HEARTBEAT_SECONDS: '1',
      HAVEN_LOG_LEVEL: 'warn',
      HAVEN_DEMO: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[server] ${d}`));
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

/**
 * SIGKILL mid-session: every event acknowledged before the kill is in the ledger, and
 * the next start closes the open stays at the last heartbeat with "server restart".
 */
describe('crash safety', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-crash-'));
  let db: Database;
  let child: ChildProcess | null = null;
  const ids = { session: '', lead: '', patient: '', invite: '' };

  beforeAll(async () => {
    if (!fs.existsSync(MAIN)) throw new Error('apps/server is not built: run `npm run build`');
    db = await openDatabase({ dataDir });
    await db.migrate();
    const lead = await db.staff.create({
      email: 'lead@crash.test',
      displayName: 'Lee',
      role: 'clinician',
      passwordHash: 'x',
    });
    const program = await db.programs.create({
      name: 'IOP',
      weeklyHoursRequired: 9,
      billingCode: 'H0015',
      minBillableMinutes: 120,
      telehealthAllowed: true,
      audioOnlyAllowed: true,
    });
    const patient = await db.patients.create({ legalName: 'Crash Patient' });
    const session = await db.sessions.create({
      kind: 'individual',
      programId: program.id,
      patientId: patient.id,
      leadClinicianId: lead.id,
      title: 'Individual',
      startsAt: Date.now(),
      durationMinutes: 50,
    });
    const invite = await db.invites.create({
      tokenHash: 'h'.repeat(64),
      patientId: patient.id,
      sessionId: session.id,
      createdBy: lead.id,
      expiresAt: Date.now() + 3_600_000,
    });
    Object.assign(ids, {
      session: session.id,
      lead: lead.id,
      patient: patient.id,
      invite: invite.id,
    });
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await db?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing acknowledged and closes open stays at the last heartbeat', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const tokens = new TokenService(SECRET, 15);
    child = await startProcess(dataDir, port);

    const lead = await TestClient.connect(
      url,
      tokens.signStaff({ id: ids.lead, role: 'clinician', displayName: 'Lee' }).token,
    );
    await lead.join(ids.session);
    const patientToken = tokens.signPatient(
      {
        patientId: ids.patient,
        sessionId: ids.session,
        inviteId: ids.invite,
        displayName: 'Crash P.',
      },
      3600,
    ).token;
    const patient = await TestClient.connect(url, patientToken);
    const { participantId } = await patient.join(ids.session, { checkIn: checkIn() });
    await lead.ok('mod:admit', { participantId });
    const media = await setUpMedia(patient);
    await publish(patient, media.sendId);
    // Everything above was acknowledged; let at least one heartbeat pass, then kill.
    await new Promise((r) => setTimeout(r, 1500));
    const ackedAt = Date.now();
    child.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));
    lead.close();
    patient.close();

    const events = await db.attendance.eventsForSession(ids.session);
    const types = events.map((e) => e.type);
    // lead: arrived, admitted; patient: arrived, admitted, media_mode (video)
    expect(types.filter((t) => t === 'arrived')).toHaveLength(2);
    expect(types.filter((t) => t === 'admitted')).toHaveLength(2);
    expect(types).toContain('media_mode');
    expect(types).not.toContain('server_restart');
    const heartbeat = (await db.attendance.heartbeats())[0]?.at ?? 0;
    expect(heartbeat).toBeGreaterThanOrEqual(Math.max(...events.map((e) => e.at)));
    expect(heartbeat).toBeLessThanOrEqual(ackedAt);

    // Restart: recovery closes both stays at the last heartbeat.
    child = await startProcess(dataDir, port);
    const after = await db.attendance.eventsForSession(ids.session);
    const restarts = after.filter((e) => e.type === 'server_restart');
    expect(restarts).toHaveLength(2);
    for (const r of restarts) expect(r.at).toBe(heartbeat);
    expect((await db.attendance.staysForSession(ids.session)).every((s) => s.closed)).toBe(true);

    // The patient comes back: the same stay, reopened, never a second row.
    const again = await TestClient.connect(url, patientToken);
    await again.join(ids.session);
    const stays = await db.attendance.staysForSession(ids.session);
    expect(stays.filter((s) => s.subjectId === ids.patient)).toHaveLength(1);
    // A graceful stop (a deploy) drops the connection as a network would: clients
    // reconnect by themselves, where being sent away would end their calls.
    const dropped = new Promise((r) => again.socket.once('disconnect', r));
    child.kill('SIGTERM');
    expect(await dropped).toBe('transport close');
    again.close();
    await new Promise((r) => child?.once('exit', r));
    child = null;
  }, 60_000);
});
