import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { addDays, isoWeekday } from '@haven/db';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { recordsOfSessions } from '../../src/attendance/load.js';
import { weekOf } from '../../src/attendance/week.js';
import { QUICK } from '../lib/machine.js';
import { goalRow, type Bench, type Row } from '../lib/result.js';
import { fmt, summarize } from '../lib/stats.js';
import {
  createProgram,
  planSession,
  random,
  TIME_ZONE,
  WEEKS,
  writeInBulk,
  writeThroughRepositories,
  type PlannedStay,
} from './attendance-data.js';

const PG_URL = process.env['HAVEN_BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Sessions written at once through the repositories, as several live groups would. */
const LANES = 8;
const RUNS = 5;

async function withPg<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const analyze = (schema: string): Promise<void> =>
  withPg(async (client) => {
    for (const table of [
      'sessions',
      'attendance_stays',
      'attendance_events',
      'check_ins',
      'attendance_corrections',
    ]) {
      await client.query(`ANALYZE "${schema}"."${table}"`);
    }
  });

interface BackendResult {
  backend: string;
  stays: number;
  events: number;
  repoEvents: number;
  repoEventsPerSecond: number;
  bulkRowsPerSecond: number;
  programWeek: ReturnType<typeof summarize>;
  patientRange: ReturnType<typeof summarize>;
  phases: string;
}

async function runBackend(backend: 'sqlite' | 'postgres'): Promise<BackendResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-bench-db-'));
  const schema = `haven_bench_${randomBytes(5).toString('hex')}`;
  const config = loadConfig({
    HAVEN_ENV: 'test',
    HAVEN_LOG_LEVEL: 'silent',
    HAVEN_WORKERS: '1',
    HAVEN_RTC_LISTEN_IP: '127.0.0.1',
    HAVEN_RTC_MIN_PORT: '48000',
    HAVEN_RTC_MAX_PORT: '48999',
    HAVEN_DATA_DIR: dataDir,
    HAVEN_WEB_DIR: path.join(dataDir, 'no-web'),
    ...(backend === 'postgres' ? { DATABASE_URL: PG_URL, HAVEN_DATABASE_SCHEMA: schema } : {}),
  });
  const app = await buildApp(config, { logger: pino({ level: 'silent' }) });
  try {
    const db = app.db;
    // A year that ends with the current week.
    const today = new Date().toISOString().slice(0, 10);
    const monday = addDays(today, 1 - isoWeekday(today));
    const firstDay = addDays(monday, -7 * (WEEKS - 1));
    const program = await createProgram(db, firstDay);
    const rand = random(42);
    const planned = program.sessions.map((s) => planSession(program, s, rand));
    const stays = planned.reduce((n, p) => n + p.length, 0);
    const events = planned.reduce((n, p) => n + p.reduce((m, s) => m + s.events.length, 0), 0);

    // The first weeks the way the server writes them, several sessions at a time.
    const repoSessions = (QUICK ? 1 : 3) * 5 * program.groups.length;
    const lanes: PlannedStay[][] = Array.from({ length: LANES }, () => []);
    planned.slice(0, repoSessions).forEach((stays, i) => lanes[i % LANES]!.push(...stays));
    let t0 = performance.now();
    const repoEvents = (
      await Promise.all(lanes.map((lane) => writeThroughRepositories(db, lane)))
    ).reduce((a, b) => a + b, 0);
    const repoSeconds = (performance.now() - t0) / 1000;

    t0 = performance.now();
    const bulkRows = await writeInBulk(db, planned.slice(repoSessions).flat());
    const bulkSeconds = (performance.now() - t0) / 1000;
    // A database that grew over a year has had its statistics gathered by autovacuum;
    // one bulk-loaded a moment ago has none, and the planner would scan whole tables.
    if (backend === 'postgres') await analyze(schema);

    const token = app.tokens.signStaff({
      id: program.adminId,
      role: 'admin',
      displayName: 'Ada Admin',
    }).token;
    const headers = { authorization: `Bearer ${token}` };
    const at = Date.parse(`${addDays(firstDay, 7 * Math.floor(WEEKS / 2) + 2)}T17:00:00Z`);
    const patientId = program.groups[0]!.patients[0]!.id;
    const lastDay = addDays(firstDay, WEEKS * 7 - 1);
    const time = async (url: string): Promise<ReturnType<typeof summarize>> => {
      const samples: number[] = [];
      for (let i = 0; i <= RUNS; i++) {
        const start = performance.now();
        const res = await app.inject({ method: 'GET', url, headers });
        const ms = performance.now() - start;
        if (res.statusCode !== 200)
          throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (i > 0) samples.push(ms); // the first run warms caches
      }
      return summarize(samples);
    };
    const programWeek = await time(`/api/attendance/programs/${program.programId}/week?at=${at}`);
    const patientRange = await time(
      `/api/attendance/patients/${patientId}/range?from=${firstDay}&to=${lastDay}`,
    );

    // Where the program week's time goes: its sessions, then their patients' records
    // (stays, ledgers, check-ins and corrections, read at once), as the route reads them.
    const week = weekOf(at, TIME_ZONE);
    let p0 = performance.now();
    const weekSessions = await db.sessions.list({
      from: week.start,
      to: week.end,
      programId: program.programId,
    });
    const sessionsMs = performance.now() - p0;
    p0 = performance.now();
    const weekRecords = await recordsOfSessions(db, weekSessions, 'patient');
    const recordsMs = performance.now() - p0;
    return {
      backend,
      stays,
      events,
      repoEvents,
      repoEventsPerSecond: repoEvents / repoSeconds,
      bulkRowsPerSecond: bulkRows / bulkSeconds,
      programWeek,
      patientRange,
      phases: `program week: ${weekSessions.length} sessions ${fmt(sessionsMs)} ms, then the records of their ${weekRecords.length} patient stays ${fmt(recordsMs)} ms`,
    };
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (backend === 'postgres')
      await withPg((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  }
}

/**
 * 6. Attendance at scale: a year of a 500-patient program (50 groups of ten, every
 * weekday), then the weekly program report and one patient's year through the API.
 */
export const attendance: Bench = async () => {
  const results: BackendResult[] = [];
  const rows: Row[] = [];
  for (const backend of ['sqlite', 'postgres'] as const) {
    const r = await runBackend(backend);
    results.push(r);
    rows.push(
      {
        metric: `${backend}: events written per second (repositories)`,
        value: `${fmt(r.repoEventsPerSecond)} /s`,
      },
      goalRow(
        `${backend}: weekly program report (median)`,
        r.programWeek.p50,
        `${fmt(r.programWeek.p50)} ms`,
        { op: '<=', limit: 100, text: '<= 100 ms' },
      ),
      goalRow(
        `${backend}: one patient's year, range report (median)`,
        r.patientRange.p50,
        `${fmt(r.patientRange.p50)} ms`,
        { op: '<=', limit: 100, text: '<= 100 ms' },
      ),
    );
  }
  return {
    id: 'attendance',
    title: '6. Attendance at scale',
    rows,
    details: [
      `A year (${WEEKS} weeks) of one program: 500 patients in 50 groups of ten, each group meeting every weekday for three hours with a clinician; 80 % of patients attend each session; 15 % of stays drop and reconnect once. The first ${QUICK ? 1 : 3} week(s) are written the way the live server writes them (openStay, a check-in, then appendEvent per event, ${LANES} sessions at a time); the rest of the year is loaded with multi-row inserts to keep the run short. PostgreSQL then gets ANALYZE, as autovacuum would have run on a database that grew over the year (SQLite: Haven never runs ANALYZE, so neither does the benchmark).`,
      '',
      'Reports go through the real routes with `app.inject` (authorization, the audit entry each read writes, queries, derivation, JSON): `GET /api/attendance/programs/:id/week` for a week in the middle of the year, and `GET /api/attendance/patients/:id/range` over the whole year. One warm-up, then ' +
        RUNS +
        ' timed runs.',
      '',
      '| Backend | Stays | Events | Events/s (repositories) | Bulk rows/s | Program week p50 / max | Patient year p50 / max |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...results.map(
        (r) =>
          `| ${r.backend} | ${fmt(r.stays)} | ${fmt(r.events)} | ${fmt(r.repoEventsPerSecond)} (${fmt(r.repoEvents)} events) | ${fmt(r.bulkRowsPerSecond)} | ${fmt(r.programWeek.p50)} / ${fmt(r.programWeek.max)} ms | ${fmt(r.patientRange.p50)} / ${fmt(r.patientRange.max)} ms |`,
      ),
      '',
      ...results.map((r) => `- ${r.backend}: ${r.phases}.`),
    ],
  };
};
