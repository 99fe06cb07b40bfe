import type { Logger } from 'pino';
import type { z } from 'zod';
import { HavenError, fail, type Result } from '@haven/protocol';

/** A zod failure as one readable line, naming the fields but never echoing their values. */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`);
  return `Invalid request (${parts.join('; ')})`;
}

/** Turns anything thrown into the one error shape; unexpected errors are logged, never echoed. */
export function toFailure(err: unknown, log: Logger, context: object): Result<never> {
  if (err instanceof HavenError) return fail(err.code, err.message);
  log.error({ ...context, err }, 'request failed unexpectedly');
  return fail('INTERNAL', 'Something went wrong on our side. Please try again.');
}
