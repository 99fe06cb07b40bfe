/**
 * Node's EventEmitter, as much of it as mediasoup-client uses, for the browser build:
 * the `events` package it requires is a complete port of Node's, three times this size,
 * on the path of every patient's first visit. Same behaviour where it counts: listeners
 * run in order, a listener added or removed during an emit does not change that emit,
 * `once` listeners can be removed by the function given, and an 'error' event nobody
 * listens to is thrown. (vite.config.ts puts it in place of `events` in the build.)
 */
type Listener = (...args: unknown[]) => unknown;
type Wrapped = Listener & { listener?: Listener };

export class EventEmitter {
  #events = new Map<string | symbol, Wrapped[]>();
  #max = 10;

  setMaxListeners(n: number): this {
    this.#max = n;
    return this;
  }

  getMaxListeners(): number {
    return this.#max;
  }

  emit(name: string | symbol, ...args: unknown[]): boolean {
    const listeners = this.#events.get(name);
    if (!listeners?.length) {
      if (name === 'error') throw args[0] instanceof Error ? args[0] : new Error(String(args[0]));
      return false;
    }
    for (const listener of [...listeners]) listener.apply(this, args);
    return true;
  }

  on(name: string | symbol, listener: Listener): this {
    return this.#add(name, listener, false);
  }

  addListener(name: string | symbol, listener: Listener): this {
    return this.#add(name, listener, false);
  }

  prependListener(name: string | symbol, listener: Listener): this {
    return this.#add(name, listener, true);
  }

  once(name: string | symbol, listener: Listener): this {
    return this.#add(name, this.#onceWrap(name, listener), false);
  }

  prependOnceListener(name: string | symbol, listener: Listener): this {
    return this.#add(name, this.#onceWrap(name, listener), true);
  }

  off(name: string | symbol, listener: Listener): this {
    const listeners = this.#events.get(name);
    if (!listeners) return this;
    // The latest added goes first, as in Node.
    for (let i = listeners.length - 1; i >= 0; i--) {
      const l = listeners[i];
      if (l === listener || l?.listener === listener) {
        listeners.splice(i, 1);
        break;
      }
    }
    if (listeners.length === 0) this.#events.delete(name);
    return this;
  }

  removeListener(name: string | symbol, listener: Listener): this {
    return this.off(name, listener);
  }

  removeAllListeners(name?: string | symbol): this {
    if (name === undefined) this.#events.clear();
    else this.#events.delete(name);
    return this;
  }

  listenerCount(name: string | symbol): number {
    return this.#events.get(name)?.length ?? 0;
  }

  listeners(name: string | symbol): Listener[] {
    return (this.#events.get(name) ?? []).map((l) => l.listener ?? l);
  }

  rawListeners(name: string | symbol): Listener[] {
    return [...(this.#events.get(name) ?? [])];
  }

  eventNames(): (string | symbol)[] {
    return [...this.#events.keys()];
  }

  #add(name: string | symbol, listener: Wrapped, first: boolean): this {
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function');
    const listeners = this.#events.get(name) ?? [];
    if (first) listeners.unshift(listener);
    else listeners.push(listener);
    this.#events.set(name, listeners);
    return this;
  }

  #onceWrap(name: string | symbol, listener: Listener): Wrapped {
    let fired = false;
    const wrapped: Wrapped = (...args: unknown[]) => {
      if (fired) return undefined;
      fired = true;
      this.off(name, wrapped);
      return listener.apply(this, args);
    };
    wrapped.listener = listener;
    return wrapped;
  }
}

export default EventEmitter;
