export interface ThrottleLimits {
  /** Failed sign-ins one email may have within the window. */
  perEmail: number;
  /** Failed sign-ins one network address may have within the window, whatever the emails. */
  perAddress: number;
  windowMs: number;
}

/** Ten wrong passwords for one account, or fifty from one address, in a quarter of an hour. */
export const SIGN_IN_LIMITS: ThrottleLimits = {
  perEmail: 10,
  perAddress: 50,
  windowMs: 15 * 60_000,
};

/** Past this many keys, those with no failure left in the window are forgotten. */
const PRUNE_AT = 10_000;

/**
 * Failed sign-ins, counted per email and per network address over a sliding window.
 * Past a limit, a sign-in is refused before its password is checked (each check is an
 * argon2 hash, and each failure an audit entry), until the oldest failure in the window
 * ages out. A success clears its email's failures. Counts are this node's own: behind a
 * load balancer each node counts the attempts that reach it.
 */
export class SignInThrottle {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits,
    private readonly now: () => number,
  ) {}

  /** Seconds to wait before this sign-in may be tried, or 0 when it may be tried now. */
  retryAfter(email: string, address: string): number {
    const wait = Math.max(
      this.#wait(emailKey(email), this.limits.perEmail),
      this.#wait(addressKey(address), this.limits.perAddress),
    );
    return Math.ceil(wait / 1000);
  }

  /**
   * Counts an attempt as a failure before its password is checked, so that attempts
   * sent at once cannot all pass `retryAfter` while the checks run. Answers its time, for
   * `succeeded` to take it back.
   */
  attempt(email: string, address: string): number {
    if (this.#failures.size >= PRUNE_AT) this.#prune();
    const at = this.now();
    this.#add(emailKey(email), this.limits.perEmail, at);
    this.#add(addressKey(address), this.limits.perAddress, at);
    return at;
  }

  /** The attempt made at `at` was right: its account's failures go, and it is not counted. */
  succeeded(email: string, address: string, at: number): void {
    this.#failures.delete(emailKey(email));
    const times = this.#failures.get(addressKey(address));
    const i = times?.lastIndexOf(at) ?? -1;
    if (times && i >= 0) times.splice(i, 1);
  }

  #recent(key: string): number[] {
    const since = this.now() - this.limits.windowMs;
    const times = (this.#failures.get(key) ?? []).filter((t) => t > since);
    if (times.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, times);
    return times;
  }

  #wait(key: string, limit: number): number {
    const times = this.#recent(key);
    if (times.length < limit) return 0;
    // The failure whose ageing out brings the count back under the limit.
    const oldest = times[times.length - limit] ?? this.now();
    return Math.max(1, oldest + this.limits.windowMs - this.now());
  }

  #add(key: string, limit: number, at: number): void {
    // Only the newest `limit` failures can matter to a later wait.
    this.#failures.set(key, [...this.#recent(key), at].slice(-limit));
  }

  #prune(): void {
    for (const key of [...this.#failures.keys()]) this.#recent(key);
  }
}

const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;
