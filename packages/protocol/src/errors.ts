/**
 * The closed list of error codes Haven answers with, over HTTP and over the socket.
 * Codes are stable: clients switch on them, so never rename one.
 */
export const ERROR_CODES = [
  'BAD_REQUEST', // payload failed validation
  'PROTOCOL_MISMATCH', // client speaks another PROTOCOL_VERSION
  'UNAUTHENTICATED', // no token, bad signature, wrong issuer/audience
  'TOKEN_EXPIRED',
  'FORBIDDEN', // authenticated but the policy denies the action
  'NOT_FOUND',
  'CONFLICT', // the request clashes with current state (e.g. already joined)
  'NOT_JOINED', // a room request before joining
  'NOT_ADMITTED', // a media or room request while still in the waiting room
  'INVALID_STATE', // out-of-order request (connect before create, consume before ready...)
  'SESSION_ENDED',
  'SESSION_LOCKED', // closed to late arrivals
  'SESSION_ELSEWHERE', // the session runs on another server node: the connection reached the wrong one
  'REMOVED', // removed from this session by a clinician
  'INVITE_INVALID', // unknown, revoked, expired or foreign invite link
  'CHECK_IN_REQUIRED', // a patient must answer the check-in before the waiting room
  'INVALID_CREDENTIALS',
  'MEDIA_ERROR', // mediasoup refused the request
  'RATE_LIMITED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The HTTP status each code maps to; the only place this mapping lives. */
export const HTTP_STATUS = {
  BAD_REQUEST: 400,
  PROTOCOL_MISMATCH: 400,
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  REMOVED: 403,
  NOT_FOUND: 404,
  INVITE_INVALID: 410,
  CHECK_IN_REQUIRED: 428,
  CONFLICT: 409,
  NOT_JOINED: 409,
  NOT_ADMITTED: 409,
  INVALID_STATE: 409,
  SESSION_ENDED: 409,
  SESSION_LOCKED: 423,
  SESSION_ELSEWHERE: 503,
  MEDIA_ERROR: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const satisfies Record<ErrorCode, number>;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

/** Every request gets one answer shape. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/** An error that carries a stable code; thrown in the domain, turned into a Result at the edge. */
export class HavenError extends Error {
  override readonly name = 'HavenError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
