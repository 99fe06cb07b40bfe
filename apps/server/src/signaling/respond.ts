import type { Logger } from 'pino';
import type { z } from 'zod';
import { HavenError, fail, type Result } from '@haven/protocol';
import { unstorableText } from '@haven/db';

/** A zod failure as one readable line, naming the fields but never echoing their values. */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`);
  return `Invalid request (${parts.join('; ')})`;
}

/** Turns anything thrown into the one error shape; unexpected errors are logged, never echoed. */
export function toFailure(err: unknown, log: Logger, context: object): Result<never> {
  const refused = err instanceof HavenError ? err : unstorableText(err);
  if (refused) return fail(refused.code, refused.message);
  log.error({ ...context, err }, 'request failed unexpectedly');
  return fail('INTERNAL', 'Something went wrong on our side. Please try again.');
}
