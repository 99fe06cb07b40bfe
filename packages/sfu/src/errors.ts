import { HavenError } from '@haven/protocol';
import { describeError, type Logger } from './logger.js';

export const invalidState = (message: string): HavenError =>
  new HavenError('INVALID_STATE', message);

export const notFound = (message: string): HavenError => new HavenError('NOT_FOUND', message);

/**
 * Turns whatever mediasoup threw into a HavenError the edge can answer with. The
 * original message is logged here and never reaches the client: it can name internal
 * ids and worker details. A HavenError passes through unchanged.
 */
export function toMediaError(
  error: unknown,
  action: string,
  logger: Logger,
  bindings: object = {},
): HavenError {
  if (error instanceof HavenError) return error;
  const name = error instanceof Error ? error.name : 'unknown';
  logger.warn(
    { ...bindings, action, errorName: name, reason: describeError(error) },
    'media request refused',
  );
  if (name === 'InvalidStateError') {
    return new HavenError('INVALID_STATE', `${action}: the media object is closed`);
  }
  if (name === 'UnsupportedError') {
    return new HavenError('MEDIA_ERROR', `${action}: unsupported media parameters`);
  }
  return new HavenError('MEDIA_ERROR', `${action}: the media server refused the parameters`);
}
