import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/index.js';
import { backends, dropSchema, PG_URL } from './backends.js';

describe('openDatabase on SQLite files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'haven-db-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates haven.sqlite in the data folder with WAL and foreign keys, and reopens it', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const first = await openDatabase({ dataDir });
    await first.migrate();
    await first.migrate();
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(first.db);
    expect(mode.rows[0]?.journal_mode).toBe('wal');
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(first.db);
    expect(fk.rows[0]?.foreign_keys).toBe(1);
    const p = await first.patients.create({ legalName: 'Elena Petrova' });
    await first.close();
    await first.close();
    expect(first.closed).toBe(true);

    const second = await openDatabase({ dataDir });
    await second.migrate();
    expect((await second.patients.byId(p.id))?.displayName).toBe('Elena P.');
    await second.close();
  });

  it('refuses to guess where SQLite should live', async () => {
    await expect(openDatabase({})).rejects.toThrow(/dataDir/);
  });
});

describe.runIf(backends.some((b) => b.name === 'postgres'))('openDatabase on PostgreSQL', () => {
  it('isolates schemas, returns bigints as numbers and closes twice', async () => {
    const schemas = [1, 2].map(() => `haven_test_${randomBytes(6).toString('hex')}`);
    const [a, b] = await Promise.all(
      schemas.map((schema) => openDatabase({ url: PG_URL, schema, poolSize: 2 })),
    );
    try {
      await Promise.all([a!.migrate(), b!.migrate()]);
      await a!.migrate();
      await a!.patients.create({ legalName: 'Daniel Kim' });
      expect(await a!.patients.list()).toHaveLength(1);
      expect(await b!.patients.list()).toHaveLength(0);
      const row = await sql<{ big: number; count: number }>`
        select 9007199254740991::bigint as big, count(*) as count from patients`.execute(a!.db);
      expect(row.rows[0]).toEqual({ big: Number.MAX_SAFE_INTEGER, count: 1 });
      expect(a!.dialect).toBe('postgres');
    } finally {
      await Promise.all([a!.close(), b!.close()]);
      await a!.close();
      await Promise.all(schemas.map(dropSchema));
    }
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(openDatabase({ url: PG_URL, schema: 'x; drop table y' })).rejects.toThrow(
      /schema/,
    );
  });
});
