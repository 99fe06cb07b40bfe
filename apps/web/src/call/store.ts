/**
 * The smallest external store React's useSyncExternalStore accepts: an immutable
 * snapshot, replaced on every change. A throwing listener cannot stop the others.
 */
export class Store<T> {
  private state: T;
  private readonly listeners = new Set<() => void>();

  constructor(initial: T) {
    this.state = initial;
  }

  readonly getSnapshot = (): T => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  update(change: (state: T) => T): void {
    const next = change(this.state);
    if (Object.is(next, this.state)) return;
    this.state = next;
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        console.error('call state listener failed', error);
      }
    }
  }
}
