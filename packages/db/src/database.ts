import { Kysely, Migrator, type Transaction } from 'kysely';
import { defaultClock, defaultIdFactory, type Dialect, type RepoContext } from './context.js';
import { connectPostgres, connectSqlite, type DbLogger } from './connect.js';
import { migrationProvider } from './migrations/index.js';
import { createRepositories, type Repositories } from './repos/index.js';
import type { Schema } from './schema.js';

export type { DbLogger } from './connect.js';

export interface OpenDatabaseOptions {
  /** A postgres:// URL: use PostgreSQL. Without it, embedded SQLite is used. */
  url?: string;
  /** SQLite: the folder holding the database file (created if missing). */
  dataDir?: string;
  /** SQLite: the file name inside `dataDir` (default 'haven.sqlite'), a path, or ':memory:'. */
  filename?: string;
  /** PostgreSQL: a schema to work in (created if missing), e.g. to isolate test runs. */
  schema?: string;
  /** PostgreSQL: most connections held open (default 10). */
  poolSize?: number;
  logger?: DbLogger;
  /** The clock for timestamps the repositories stamp themselves (created_at). */
  now?: () => number;
}

/** Repositories bound to one transaction, plus the transaction's query builder. */
export type TransactionScope = Repositories & {
  readonly db: Transaction<Schema>;
  readonly dialect: Dialect;
};

/** An open database: the query builder, migrations, and every repository. */
export class Database implements Repositories {
  readonly staff: Repositories['staff'];
  readonly refreshTokens: Repositories['refreshTokens'];
  readonly patients: Repositories['patients'];
  readonly programs: Repositories['programs'];
  readonly groups: Repositories['groups'];
  readonly sessions: Repositories['sessions'];
  readonly invites: Repositories['invites'];
  readonly removals: Repositories['removals'];
  readonly checkIns: Repositories['checkIns'];
  readonly attendance: Repositories['attendance'];
  readonly signoffs: Repositories['signoffs'];
  readonly corrections: Repositories['corrections'];
  readonly audit: Repositories['audit'];

  private closing: Promise<void> | null = null;
  private readonly ctx: RepoContext;

  constructor(
    readonly db: Kysely<Schema>,
    readonly dialect: Dialect,
    private readonly options: {
      migrationSchema?: string;
      logger?: DbLogger;
      now: () => number;
    },
  ) {
    this.ctx = { db, dialect, now: options.now, newId: defaultIdFactory };
    const repos = createRepositories(this.ctx);
    this.staff = repos.staff;
    this.refreshTokens = repos.refreshTokens;
    this.patients = repos.patients;
    this.programs = repos.programs;
    this.groups = repos.groups;
    this.sessions = repos.sessions;
    this.invites = repos.invites;
    this.removals = repos.removals;
    this.checkIns = repos.checkIns;
    this.attendance = repos.attendance;
    this.signoffs = repos.signoffs;
    this.corrections = repos.corrections;
    this.audit = repos.audit;
  }

  get closed(): boolean {
    return this.closing !== null;
  }

  /** Brings the schema up to date. Safe to call on every start. */
  async migrate(): Promise<void> {
    const migrator = new Migrator({
      db: this.db,
      provider: migrationProvider(this.dialect),
      ...(this.options.migrationSchema
        ? { migrationTableSchema: this.options.migrationSchema }
        : {}),
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? null;
      this.options.logger?.error({ migration: failed }, 'database migration failed');
      throw error instanceof Error ? error : new Error('database migration failed');
    }
  }

  /**
   * Runs `fn` in one transaction: everything it writes through the repositories it is
   * given commits together, or nothing does if it throws.
   */
  async transaction<T>(fn: (tx: TransactionScope) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => {
      const repos = createRepositories({ ...this.ctx, db: trx });
      return fn({ ...repos, db: trx, dialect: this.dialect });
    });
  }

  /** Closes every connection. Safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= this.db.destroy();
    return this.closing;
  }
}

/**
 * Opens PostgreSQL when `url` is given, else SQLite in `dataDir` (or in memory).
 * Call `migrate()` before use.
 */
export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<Database> {
  const now = opts.now ?? defaultClock;
  if (opts.url) {
    const { dialect, migrationSchema } = await connectPostgres({
      url: opts.url,
      schema: opts.schema,
      poolSize: opts.poolSize,
      logger: opts.logger,
    });
    const db = new Kysely<Schema>({ dialect });
    return new Database(db, 'postgres', { migrationSchema, logger: opts.logger, now });
  }
  const dialect = connectSqlite({ dataDir: opts.dataDir, filename: opts.filename });
  const db = new Kysely<Schema>({ dialect });
  return new Database(db, 'sqlite', { logger: opts.logger, now });
}
