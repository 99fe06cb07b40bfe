import pino, { type Logger, type LoggerOptions } from 'pino';

/**
 * Structured logs that never hold a token, a password, a patient's name or check-in
 * answers. Request logs carry the route, never a query string or body.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.password',
  '*.passwordHash',
  '*.legalName',
  '*.displayName',
  '*.name',
  '*.email',
  '*.phone',
  '*.checkIn',
  '*.emergencyContact',
  '*.code',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { service: 'haven' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        url: req.url.split('?')[0],
        id: req.id,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}
