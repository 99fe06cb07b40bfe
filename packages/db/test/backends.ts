import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type OpenDatabaseOptions } from '../src/index.js';

/**
 * The databases every repository test runs against: SQLite in memory, and PostgreSQL
 * at HAVEN_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), each
 * run in its own schema, dropped afterwards. HAVEN_TEST_DATABASE_URL=none leaves
 * PostgreSQL out.
 */
export const PG_URL =
  process.env.HAVEN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface Backend {
  name: 'sqlite' | 'postgres';
  open(opts?: Pick<OpenDatabaseOptions, 'now'>): Promise<TestDatabase>;
}

export interface TestDatabase {
  database: Database;
  /** Closes the database and removes what the test created (the PostgreSQL schema). */
  dispose(): Promise<void>;
}

const sqlite: Backend = {
  name: 'sqlite',
  async open(opts = {}) {
    const database = await openDatabase({ filename: ':memory:', ...opts });
    await database.migrate();
    return { database, dispose: () => database.close() };
  },
};

const postgres: Backend = {
  name: 'postgres',
  async open(opts = {}) {
    const schema = `haven_test_${randomBytes(6).toString('hex')}`;
    const database = await openDatabase({ url: PG_URL, schema, poolSize: 5, ...opts });
    await database.migrate();
    return {
      database,
      async dispose() {
        await database.close();
        await dropSchema(schema);
      },
    };
  },
};

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

export const backends: Backend[] = PG_URL === 'none' ? [sqlite] : [sqlite, postgres];

/** A clock tests can move. */
export function testClock(start = Date.UTC(2026, 2, 2, 12)): {
  now: () => number;
  advance(ms: number): void;
} {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}
