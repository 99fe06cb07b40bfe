import { HavenError } from '@haven/protocol';

type ViolationKind = 'unique' | 'foreignKey' | 'check' | 'notNull';

/** Reads which constraint a driver error reports, for better-sqlite3 and pg alike. */
export function constraintViolation(err: unknown): ViolationKind | null {
  if (typeof err !== 'object' || err === null || !('code' in err)) return null;
  const code = String((err as { code: unknown }).code);
  switch (code) {
    case '23505':
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
      return 'unique';
    case '23503':
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return 'foreignKey';
    case '23514':
    case 'SQLITE_CONSTRAINT_CHECK':
      return 'check';
    case '23502':
    case 'SQLITE_CONSTRAINT_NOTNULL':
      return 'notNull';
    default:
      return null;
  }
}

export interface ViolationMessages {
  /** Message when a unique constraint fails (the caller asked for a duplicate). */
  conflict?: string;
  /** Message when a foreign key fails (the caller named an id that does not exist). */
  notFound?: string;
}

/**
 * Runs a write and turns constraint violations a caller can cause into HavenErrors:
 * duplicates become CONFLICT, unknown referenced ids NOT_FOUND, rejected values
 * BAD_REQUEST. Messages are fixed strings: they never echo the offending values.
 */
export async function guard<T>(messages: ViolationMessages, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const kind = constraintViolation(err);
    if (kind === 'unique' && messages.conflict) throw new HavenError('CONFLICT', messages.conflict);
    if (kind === 'foreignKey' && messages.notFound) {
      throw new HavenError('NOT_FOUND', messages.notFound);
    }
    if (kind === 'check' || kind === 'notNull') {
      throw new HavenError('BAD_REQUEST', 'a value was rejected by the schema');
    }
    throw err;
  }
}

/**
 * A driver error caused by text the caller sent and the database cannot hold: PostgreSQL
 * refuses a NUL character anywhere in a string, stored or compared (SQLite keeps it).
 * The request was bad, not the server: BAD_REQUEST, and nothing was written.
 */
export function unstorableText(err: unknown): HavenError | null {
  if (typeof err !== 'object' || err === null || !('code' in err)) return null;
  const code = String((err as { code: unknown }).code);
  if (code !== '22021' && code !== '22P05') return null;
  return new HavenError('BAD_REQUEST', 'The text holds a character that cannot be stored.');
}

export const notFound = (what: string): HavenError =>
  new HavenError('NOT_FOUND', `${what} not found`);
export const badRequest = (message: string): HavenError => new HavenError('BAD_REQUEST', message);
