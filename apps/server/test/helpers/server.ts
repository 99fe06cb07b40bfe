import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import pg from 'pg';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { loggerOptions } from '../../src/logger.js';

export type Backend = 'sqlite' | 'postgres';
export const BACKENDS: Backend[] = ['sqlite', 'postgres'];
export const PG_URL =
  process.env['HAVEN_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestServer {
  app: FastifyInstance;
  url: string;
  config: Config;
  clock: TestClock;
  close(): Promise<void>;
}

/** A clock tests can move; it follows real time unless frozen. */
export class TestClock {
  private offset = 0;
  private frozenAt: number | null = null;
  now = (): number => (this.frozenAt ?? Date.now()) + this.offset;
  advance(ms: number): void {
    this.offset += ms;
  }
  freeze(at?: number): void {
    this.frozenAt = at ?? Date.now();
    this.offset = 0;
  }
}

/**
 * Starts the real server (real worker, real database) on a free loopback port. SQLite
 * goes to a temporary folder; PostgreSQL to a schema of its own, dropped on close.
 */
export async function startServer(
  opts: {
    backend?: Backend;
    env?: Record<string, string>;
    clock?: TestClock;
    dataDir?: string;
    schema?: string;
    /** Receives the server's log lines (at debug level) instead of discarding them. */
    logLines?: string[];
  } = {},
): Promise<TestServer> {
  const backend = opts.backend ?? 'sqlite';
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'haven-test-'));
  const schema = opts.schema ?? `haven_test_${randomBytes(6).toString('hex')}`;
  const env: Record<string, string> = {
    HAVEN_ENV: 'test',
    HAVEN_PORT: '8080',
    HAVEN_HOST: '127.0.0.1',
    HAVEN_LOG_LEVEL: 'silent',
    HAVEN_WORKERS: '1',
    HAVEN_RTC_LISTEN_IP: '127.0.0.1',
    HAVEN_RTC_MIN_PORT: '42000',
    HAVEN_RTC_MAX_PORT: '43999',
    HAVEN_DATA_DIR: dataDir,
    HAVEN_WEB_DIR: path.join(dataDir, 'no-web'),
    ...(backend === 'postgres' ? { DATABASE_URL: PG_URL, HAVEN_DATABASE_SCHEMA: schema } : {}),
    ...opts.env,
  };
  const config = loadConfig(env);
  const clock = opts.clock ?? new TestClock();
  const logger = opts.logLines
    ? pino(
        { ...loggerOptions('debug') },
        { write: (line: string) => void opts.logLines?.push(line) },
      )
    : pino({ level: process.env['HAVEN_TEST_LOG'] ?? 'silent' });
  const app = await buildApp(config, { clock: clock.now, logger });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    config,
    clock,
    async close() {
      await app.close();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      if (backend === 'postgres' && !opts.schema) await dropSchema(schema);
    },
  };
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** The `name=value` of a response's first Set-Cookie, to send back as a Cookie header. */
export const cookieOf = (header: string | string[] | undefined): string => {
  const first = Array.isArray(header) ? header[0] : header;
  return (first ?? '').split(';')[0] ?? '';
};
