import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/** What every repository is built on: a connection (or an open transaction) and a clock. */
export interface RepoContext {
  readonly db: Kysely<Schema>;
  readonly dialect: Dialect;
  readonly now: () => number;
  readonly newId: () => string;
}

export const defaultClock = (): number => Date.now();
export const defaultIdFactory = (): string => randomUUID();

/**
 * Runs `fn` in a transaction: a new one, or the one the context is already bound to
 * (repositories handed out by `Database.transaction` join the caller's transaction).
 */
export async function withTx<T>(
  ctx: RepoContext,
  fn: (trx: Kysely<Schema>, tctx: RepoContext) => Promise<T>,
): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx.db, ctx);
  return ctx.db.transaction().execute((trx: Transaction<Schema>) => fn(trx, { ...ctx, db: trx }));
}

export const toFlag = (value: boolean): 0 | 1 => (value ? 1 : 0);
export const fromFlag = (value: number): boolean => value === 1;

/** Ids per `in (...)` list: well under SQLite's and PostgreSQL's limits on parameters. */
export const ID_CHUNK = 500;

/** The distinct ids of `ids`, in lists of at most ID_CHUNK. */
function idChunks(ids: readonly string[]): string[][] {
  const unique = [...new Set(ids)];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += ID_CHUNK) out.push(unique.slice(i, i + ID_CHUNK));
  return out;
}

/**
 * Rows for many ids: `read` runs once per list of `idChunks(ids)`, all at once (PostgreSQL
 * answers them on several pooled connections), and the rows come back in list order.
 */
export async function readInChunks<T>(
  ids: readonly string[],
  read: (chunk: string[]) => Promise<T[]>,
): Promise<T[]> {
  return (await Promise.all(idChunks(ids).map(read))).flat();
}
