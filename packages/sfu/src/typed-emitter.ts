import type { Logger } from './logger.js';

export type Listener<P> = (payload: P) => unknown;

/**
 * A small typed event emitter for application listeners. A listener that throws (or
 * returns a rejected promise) is logged and skipped: it can never interrupt the code
 * that emitted, so SFU state stays consistent whatever the application does.
 *
 * `E` maps each event name to its payload type (`void` when there is none). Only the
 * owner emits; everyone else can only listen.
 */
export class TypedEmitter<E extends object> {
  readonly #listeners = new Map<keyof E, Set<Listener<never>>>();
  readonly #errorLogger: () => Logger;

  /** `errorLogger` is read lazily, so subclasses may set up their logger after super(). */
  constructor(errorLogger: () => Logger) {
    this.#errorLogger = errorLogger;
  }

  on<K extends keyof E>(event: K, listener: Listener<E[K]>): this {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener as Listener<never>);
    return this;
  }

  once<K extends keyof E>(event: K, listener: Listener<E[K]>): this {
    const wrapper: Listener<E[K]> = (payload) => {
      this.off(event, wrapper);
      return listener(payload);
    };
    return this.on(event, wrapper);
  }

  /** Removes a listener added with `on()` (a `once()` listener removes itself). */
  off<K extends keyof E>(event: K, listener: Listener<E[K]>): this {
    this.#listeners.get(event)?.delete(listener as Listener<never>);
    return this;
  }

  /** Removes every listener of `event`, or of every event when omitted. */
  removeAllListeners(event?: keyof E): this {
    if (event === undefined) this.#listeners.clear();
    else this.#listeners.delete(event);
    return this;
  }

  listenerCount(event: keyof E): number {
    return this.#listeners.get(event)?.size ?? 0;
  }

  /**
   * Calls every listener of `event` in order; returns whether there was any. Events
   * without a payload are typed `void` and emitted with `undefined`.
   */
  protected emit<K extends keyof E>(event: K, payload: E[K]): boolean {
    const set = this.#listeners.get(event);
    if (!set || set.size === 0) return false;
    for (const listener of [...set] as Listener<E[K]>[]) {
      try {
        const result = listener(payload);
        if (isThenable(result)) {
          result.then(undefined, (error: unknown) => this.#report(event, error));
        }
      } catch (error) {
        this.#report(event, error);
      }
    }
    return true;
  }

  #report(event: keyof E, error: unknown): void {
    try {
      this.#errorLogger().error({ event: String(event), err: error }, 'event listener failed');
    } catch {
      // A broken logger must not break the emitter either.
    }
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
