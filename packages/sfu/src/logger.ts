/**
 * The logging surface the SFU needs: a subset of pino's, so a pino logger (or a child of
 * one) can be passed as is. Every call takes a bindings object first and a message second.
 */
export interface Logger {
  debug(bindings: object, message?: string): void;
  info(bindings: object, message?: string): void;
  warn(bindings: object, message?: string): void;
  error(bindings: object, message?: string): void;
  child?(bindings: object): Logger;
}

const noop = (): void => {};

/** The default logger: discards everything. */
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };

/** A child bound to `bindings` when the logger supports it, else the logger itself. */
export function childLogger(logger: Logger, bindings: object): Logger {
  return logger.child ? logger.child(bindings) : logger;
}

/** The message of anything thrown, for logs only (never sent to clients). */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
