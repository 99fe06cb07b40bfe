import { isErrorCode, type ErrorCode } from '@haven/protocol';

/**
 * Codes the server answers with, plus the few failures only the browser can see:
 * no answer in time, no connection, and camera or microphone trouble.
 */
export const CLIENT_ERROR_CODES = [
  'TIMEOUT',
  'DISCONNECTED',
  'DEVICE_DENIED',
  'DEVICE_UNAVAILABLE',
  'UNSUPPORTED_BROWSER',
  /** The session is end-to-end encrypted and this browser cannot encrypt frames itself. */
  'E2EE_UNSUPPORTED',
] as const;
export type ClientOnlyErrorCode = (typeof CLIENT_ERROR_CODES)[number];
export type CallErrorCode = ErrorCode | ClientOnlyErrorCode;

/** An error with a stable code the UI can turn into a sentence. */
export class CallError extends Error {
  override readonly name = 'CallError';
  constructor(
    readonly code: CallErrorCode,
    message: string,
    /** The request that failed, when there was one. */
    readonly request?: string,
  ) {
    super(message);
  }
}

/** What the UI shows: fatal errors end the call, the others are dismissible. */
export interface ErrorInfo {
  code: CallErrorCode;
  message: string;
  fatal: boolean;
}

export const isCallErrorCode = (value: unknown): value is CallErrorCode =>
  isErrorCode(value) || (CLIENT_ERROR_CODES as readonly unknown[]).includes(value);

/** Turns anything thrown (a CallError, a DOMException from getUserMedia, a library error) into a CallError. */
export function toCallError(error: unknown): CallError {
  if (error instanceof CallError) return error;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new CallError('DEVICE_DENIED', message);
    case 'NotFoundError':
    case 'NotReadableError':
    case 'OverconstrainedError':
    case 'AbortError':
      return new CallError('DEVICE_UNAVAILABLE', message);
    case 'UnsupportedError':
      return new CallError('UNSUPPORTED_BROWSER', message);
    default:
      return new CallError('INTERNAL', message);
  }
}
