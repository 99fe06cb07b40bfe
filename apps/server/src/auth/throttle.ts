import { createHmac, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';

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

/**
 * A sign-in attempt, counted as a failure before its password is checked, so that
 * attempts sent at once cannot all pass while the checks run; or refused, when `wait`
 * (seconds) is above 0, and then not counted.
 */
export interface Attempt {
  wait: number;
  /** What `succeeded` takes back when the password was right. */
  id: string;
}

/** Counts sign-in attempts against ThrottleLimits. */
export interface SignInLimiter {
  attempt(email: string, address: string): Promise<Attempt>;
  /** The attempt was right: its account's failures go, and it is not counted. */
  succeeded(email: string, address: string, id: string): Promise<void>;
}

/** Past this many keys, those with no failure left in the window are forgotten. */
const PRUNE_AT = 10_000;

/**
 * Failed sign-ins, counted per email and per network address over a sliding window.
 * Past a limit, a sign-in is refused before its password is checked (each check is an
 * argon2 hash, and each failure an audit entry), until the oldest failure in the window
 * ages out. A success clears its email's failures. Counts are this node's own; nodes
 * sharing Redis count together with SharedSignInThrottle.
 */
export class SignInThrottle implements SignInLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits,
    private readonly now: () => number,
  ) {}

  async attempt(email: string, address: string): Promise<Attempt> {
    const wait = this.retryAfter(email, address);
    return { wait, id: wait > 0 ? '' : String(this.count(email, address)) };
  }

  async succeeded(email: string, address: string, id: string): Promise<void> {
    this.forget(email, address, Number(id));
  }

  /** Seconds to wait before this sign-in may be tried, or 0 when it may be tried now. */
  retryAfter(email: string, address: string): number {
    const wait = Math.max(
      this.#wait(emailKey(email), this.limits.perEmail),
      this.#wait(addressKey(address), this.limits.perAddress),
    );
    return Math.ceil(wait / 1000);
  }

  /** Counts an attempt as a failure; answers its time, for `forget` to take it back. */
  count(email: string, address: string): number {
    if (this.#failures.size >= PRUNE_AT) this.#prune();
    const at = this.now();
    this.#add(emailKey(email), this.limits.perEmail, at);
    this.#add(addressKey(address), this.limits.perAddress, at);
    return at;
  }

  /** The attempt made at `at` was right: its account's failures go, and it is not counted. */
  forget(email: string, address: string, at: number): void {
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

/** How long a sign-in waits for Redis before this node counts alone. */
const REDIS_ANSWER_MS = 1000;

/** The part of a Redis client the shared throttle uses. */
export interface RedisCommands {
  sendCommand(args: string[]): Promise<unknown>;
}

/**
 * Both keys' failures are sorted sets scored by time. Drops what aged out, answers the
 * longest wait either limit imposes, or, when neither does, adds the attempt to both and
 * keeps each set's newest `limit` members (only those can matter to a later wait). One
 * script, so that attempts arriving at several nodes at once are counted one by one.
 *
 * KEYS: email key, address key. ARGV: now, window, email limit, address limit, member.
 */
const ATTEMPT = `
local now, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local wait = 0
for i = 1, 2 do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local limit = tonumber(ARGV[2 + i])
  local n = redis.call('ZCARD', KEYS[i])
  if n >= limit then
    local oldest = redis.call('ZRANGE', KEYS[i], n - limit, n - limit, 'WITHSCORES')
    wait = math.max(wait, tonumber(oldest[2]) + window - now, 1)
  end
end
if wait > 0 then return wait end
for i = 1, 2 do
  redis.call('ZADD', KEYS[i], now, ARGV[5])
  redis.call('ZREMRANGEBYRANK', KEYS[i], 0, -(tonumber(ARGV[2 + i]) + 1))
  redis.call('PEXPIRE', KEYS[i], window)
end
return 0
`;

/**
 * SignInThrottle's counts, kept in Redis, so that nodes behind one load balancer count
 * together: with each node counting alone, a guesser spreading attempts over N nodes
 * had N times the limit. Keys hold a keyed hash (HMAC) of the email and address, never
 * either, and none that a list of likely emails could be matched against. While Redis
 * does not answer, within a second (a client reconnecting queues commands, and would
 * hold every sign-in), this node counts alone, and says so, rather than refuse every
 * sign-in or allow any number.
 */
export class SharedSignInThrottle implements SignInLimiter {
  private readonly alone: SignInThrottle;

  constructor(
    private readonly redis: RedisCommands,
    private readonly limits: ThrottleLimits,
    private readonly now: () => number,
    private readonly log: Logger,
    /** The secret the keys' hashes are made with: the same on every node. */
    private readonly keySecret: string,
  ) {
    this.alone = new SignInThrottle(limits, now);
  }

  private key(plain: string): string {
    return `haven:sign-in:${createHmac('sha256', this.keySecret).update(plain).digest('base64url')}`;
  }

  /** Redis's answer, or a failure once it has not come within REDIS_ANSWER_MS. */
  private ask(args: string[]): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Redis did not answer in time')), REDIS_ANSWER_MS);
    });
    return Promise.race([this.redis.sendCommand(args), late]).finally(() => clearTimeout(timer));
  }

  async attempt(email: string, address: string): Promise<Attempt> {
    const id = randomUUID();
    const { perEmail, perAddress, windowMs } = this.limits;
    const keys = [this.key(emailKey(email)), this.key(addressKey(address))];
    const args = [this.now(), windowMs, perEmail, perAddress].map(String);
    try {
      const wait = Number(await this.ask(['EVAL', ATTEMPT, '2', ...keys, ...args, id]));
      return { wait: Math.ceil(wait / 1000), id };
    } catch (err) {
      this.log.error({ err }, 'sign-in limits could not reach Redis: this node counts alone');
      return this.alone.attempt(email, address);
    }
  }

  async succeeded(email: string, address: string, id: string): Promise<void> {
    // An id of the node's own count: the attempt was counted here, not in Redis.
    if (/^\d+$/.test(id)) return this.alone.succeeded(email, address, id);
    await Promise.all([
      this.ask(['DEL', this.key(emailKey(email))]),
      this.ask(['ZREM', this.key(addressKey(address)), id]),
    ]).catch((err: unknown) =>
      this.log.error({ err }, 'a right sign-in could not be taken off the shared count'),
    );
  }
}
