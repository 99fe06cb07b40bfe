import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { HTTP_STATUS, HavenError, hasControlChars, type ErrorCode } from '@haven/protocol';
import { unstorableText } from '@haven/db';
import { describeIssues } from '../signaling/respond.js';

/** Parses a request part at the edge, or answers BAD_REQUEST naming the fields. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new HavenError('BAD_REQUEST', describeIssues(result.error));
  return result.data;
}

/** A path parameter; an empty string (found nowhere) when absent. */
export const idParam = (request: FastifyRequest, name = 'id'): string => {
  const value = (request.params as Record<string, unknown>)[name];
  return typeof value === 'string' && value.length <= 64 && !hasControlChars(value) ? value : '';
};

/** One error shape for every route: `{ ok: false, error: { code, message } }`, status from one table. */
export function registerErrorHandling(app: FastifyInstance, opts: { spa: boolean }): void {
  app.setErrorHandler((thrown: FastifyError | HavenError | Error, request, reply) => {
    const err = unstorableText(thrown) ?? thrown;
    let code: ErrorCode;
    let message: string;
    if (err instanceof HavenError) {
      code = err.code;
      message = err.message;
    } else if ('statusCode' in err && typeof err.statusCode === 'number' && err.statusCode < 500) {
      code =
        err.statusCode === 429
          ? 'RATE_LIMITED'
          : err.statusCode === 404
            ? 'NOT_FOUND'
            : 'BAD_REQUEST';
      message = code === 'BAD_REQUEST' ? 'The request could not be read.' : err.message;
    } else {
      request.log.error({ err }, 'request failed unexpectedly');
      code = 'INTERNAL';
      message = 'Something went wrong on our side. Please try again.';
    }
    void reply.status(HTTP_STATUS[code]).send({ ok: false, error: { code, message } });
  });
  app.setNotFoundHandler((request, reply) => {
    // The single-page app handles its own routes: unknown page paths get index.html.
    const page =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      !request.url.startsWith('/socket.io');
    if (opts.spa && page) return reply.type('text/html').sendFile('index.html');
    void reply
      .status(404)
      .send({ ok: false, error: { code: 'NOT_FOUND', message: 'No such resource.' } });
  });
}
