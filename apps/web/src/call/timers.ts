export type Timer = ReturnType<typeof setTimeout>;

/** Timeouts that can all be cancelled at once when their owner closes. */
export class Timers {
  private readonly pending = new Set<Timer>();

  after(ms: number, task: () => void): Timer {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      task();
    }, ms);
    this.pending.add(timer);
    return timer;
  }

  cancel(timer: Timer): void {
    clearTimeout(timer);
    this.pending.delete(timer);
  }

  clear(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}
