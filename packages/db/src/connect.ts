import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import SQLite from 'better-sqlite3';
import { PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';

/** The part of a pino-style logger the data layer uses. Nothing logged holds query values. */
export interface DbLogger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const INT8_OID = 20;
const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * bigint columns (times in ms, counts) come back as JS numbers rather than strings.
 * Set on this pool only, leaving pg's global parsers alone.
 */
function numberTypes(): pg.CustomTypesConfig {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, (text: string) => {
    const n = Number(text);
    if (!Number.isSafeInteger(n))
      throw new RangeError('bigint value exceeds the safe integer range');
    return n;
  });
  return types;
}

/** Error details safe to log: the code and class, never the query or its values. */
export const errorSummary = (err: unknown): { code?: string; name?: string } => {
  if (typeof err !== 'object' || err === null) return {};
  const e = err as { code?: unknown; name?: unknown };
  return {
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.name === 'string' ? { name: e.name } : {}),
  };
};

export async function connectPostgres(opts: {
  url: string;
  schema?: string | undefined;
  poolSize?: number | undefined;
  logger?: DbLogger | undefined;
}): Promise<{ dialect: PostgresDialect; migrationSchema: string }> {
  const schema = opts.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error('schema must be a lower-case SQL identifier');
  }
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    // A database that stops answering fails requests in seconds instead of holding every
    // live session's queue: a new connection gives up after 10 s, and a dead one is found
    // by TCP keepalive rather than waited on.
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    types: numberTypes(),
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client that loses its connection emits 'error'; unhandled it would crash the process.
  pool.on('error', (err) =>
    opts.logger?.error(errorSummary(err), 'idle database connection failed'),
  );
  try {
    if (schema) await pool.query(`create schema if not exists "${schema}"`);
    const result = await pool.query<{ schema: string | null }>('select current_schema() as schema');
    const current = result.rows[0]?.schema;
    if (!current) throw new Error('no schema on the search path exists');
    return { dialect: new PostgresDialect({ pool }), migrationSchema: current };
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
}

export function connectSqlite(opts: {
  dataDir?: string | undefined;
  filename?: string | undefined;
}): SqliteDialect {
  const name = opts.filename ?? 'haven.sqlite';
  let file: string;
  if (name === ':memory:') {
    file = name;
  } else {
    if (!opts.dataDir && !isAbsolute(name) && opts.filename === undefined) {
      throw new Error('SQLite needs a dataDir or a filename');
    }
    file = opts.dataDir && !isAbsolute(name) ? join(opts.dataDir, name) : name;
    mkdirSync(dirname(file), { recursive: true });
  }
  const database = new SQLite(file);
  try {
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  } catch (err) {
    database.close();
    throw err;
  }
  return new SqliteDialect({ database });
}
