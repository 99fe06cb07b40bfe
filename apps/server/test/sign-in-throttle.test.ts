import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createClient } from 'redis';
import { startServer, type TestServer } from './helpers/server.js';
import { PASSWORD, seedClinic } from './helpers/clinic.js';
import {
  SIGN_IN_LIMITS,
  SharedSignInThrottle,
  SignInThrottle,
  type RedisCommands,
} from '../src/auth/throttle.js';

const MIN = 60_000;

describe('sign-in throttle, through the API', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
    await seedClinic(server);
  });
  afterAll(async () => server.close());

  const signIn = (email: string, password: string, remoteAddress = '198.51.100.7') =>
    server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
      remoteAddress,
    });
  const auditLength = async () => (await server.app.db.audit.head())?.seq ?? 0;

  it('refuses an account after ten wrong passwords, before checking the next, until they age out', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) {
      expect((await signIn('lead@clinic.test', `wrong ${i}`)).statusCode).toBe(401);
    }
    const audited = await auditLength();
    // The right password too: the guesser must not learn it was right.
    const refused = await signIn('LEAD@clinic.test', PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(await auditLength()).toBe(audited);

    // Another account from the same address is not held back.
    expect((await signIn('co@clinic.test', PASSWORD)).statusCode).toBe(200);

    server.clock.advance(SIGN_IN_LIMITS.windowMs + 1000);
    expect((await signIn('lead@clinic.test', PASSWORD)).statusCode).toBe(200);
  });

  it('counts guesses sent all at once before checking any of them', async () => {
    const burst = await Promise.all(
      Array.from({ length: SIGN_IN_LIMITS.perEmail + 5 }, (_, i) =>
        signIn('co@clinic.test', `wrong ${i}`, '198.51.100.20'),
      ),
    );
    const checked = burst.filter((r) => r.statusCode === 401).length;
    expect(checked).toBe(SIGN_IN_LIMITS.perEmail);
    expect(burst.filter((r) => r.statusCode === 429)).toHaveLength(5);
  });

  it('counts the address the request came from, whatever X-Forwarded-For claims', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: `guess${i}@clinic.test`, password: 'wrong' },
        remoteAddress: '203.0.113.9',
        headers: { 'x-forwarded-for': `198.18.0.${i}` },
      });
      expect(res.statusCode).toBe(401);
    }
    expect((await signIn('other@clinic.test', PASSWORD, '203.0.113.9')).statusCode).toBe(429);
  });
});

describe('sign-in throttle', () => {
  const limits = { perEmail: 3, perAddress: 5, windowMs: 15 * MIN };
  const clockAt = (start: number) => {
    const clock = { t: start, now: () => clock.t };
    return clock;
  };

  it('waits until the failure that brings the count under the limit ages out', () => {
    const clock = clockAt(0);
    const throttle = new SignInThrottle(limits, clock.now);
    for (const at of [0, 5 * MIN, 6 * MIN]) {
      clock.t = at;
      expect(throttle.retryAfter('a@x.test', '10.0.0.1')).toBe(0);
      throttle.count('a@x.test', '10.0.0.1');
    }
    clock.t = 7 * MIN;
    expect(throttle.retryAfter('A@x.test ', '10.0.0.2')).toBe(8 * 60);
    clock.t = 15 * MIN + 1;
    expect(throttle.retryAfter('a@x.test', '10.0.0.1')).toBe(0);
  });

  it('limits one address across emails, and a success clears only its email', () => {
    const clock = clockAt(1_000_000);
    const throttle = new SignInThrottle(limits, clock.now);
    for (let i = 0; i < 5; i++) throttle.count(`user${i}@x.test`, '10.0.0.1');
    expect(throttle.retryAfter('new@x.test', '10.0.0.1')).toBeGreaterThan(0);
    expect(throttle.retryAfter('new@x.test', '10.0.0.2')).toBe(0);

    for (let i = 0; i < 3; i++) throttle.count('b@x.test', '10.0.0.3');
    expect(throttle.retryAfter('b@x.test', '10.0.0.4')).toBeGreaterThan(0);
    throttle.forget('b@x.test', '10.0.0.4', clock.t);
    expect(throttle.retryAfter('b@x.test', '10.0.0.4')).toBe(0);
  });
});

describe('sign-in throttle shared through Redis', () => {
  const REDIS_URL = process.env['HAVEN_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const limits = { perEmail: 3, perAddress: 5, windowMs: 15 * MIN };
  const clients: ReturnType<typeof createClient>[] = [];
  const quiet = pino({ level: 'silent' });
  let t = 1_000_000;
  const now = () => t;

  /** A node's throttle, on its own connection to the shared Redis. */
  async function node(): Promise<SharedSignInThrottle> {
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    clients.push(client);
    return new SharedSignInThrottle(client, limits, now, quiet, SECRET);
  }
  const SECRET = 'a secret shared by every node of the test';
  // Each test counts its own email and address, whatever earlier runs left in Redis.
  const fresh = () => randomBytes(6).toString('hex');
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
  });

  it('counts the attempts that reach every node together, and waits as one node would', async () => {
    const [a, b] = [await node(), await node()];
    const email = `${fresh()}@x.test`;
    const address = `2001:db8::${fresh().slice(0, 4)}`;
    for (const [i, n] of [a, b, a].entries()) {
      t = 1_000_000 + i * MIN;
      expect((await n.attempt(email, address)).wait).toBe(0);
    }
    t = 1_000_000 + 7 * MIN;
    // Three failures in all, though no node saw three: the oldest ages out in 8 minutes.
    expect(
      (await b.attempt(` ${email.toUpperCase()}`, `2001:db8::${fresh().slice(0, 4)}`)).wait,
    ).toBe(8 * 60);
    expect((await a.attempt(email, address)).wait).toBe(8 * 60);
    t = 1_000_000 + 15 * MIN + 1;
    const allowed = await a.attempt(email, address);
    expect(allowed.wait).toBe(0);
    // A right password on one node clears the account's failures for every node.
    await b.attempt(email, address);
    await a.succeeded(email, address, allowed.id);
    expect((await b.attempt(email, address)).wait).toBe(0);
  });

  it('limits one address across emails on every node, counting a burst one by one', async () => {
    const [a, b] = [await node(), await node()];
    const address = `2001:db8::${fresh().slice(0, 4)}`;
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).attempt(`${fresh()}@x.test`, address)),
    );
    expect(burst.filter((r) => r.wait === 0)).toHaveLength(limits.perAddress);
    expect((await a.attempt(`${fresh()}@x.test`, `2001:db8::${fresh().slice(0, 4)}`)).wait).toBe(0);
  });

  it('counts on the node alone while Redis does not answer', async () => {
    const down: RedisCommands = { sendCommand: () => Promise.reject(new Error('connection lost')) };
    const logged: string[] = [];
    const log = pino(
      { level: 'error' },
      { write: (line: string) => logged.push(JSON.parse(line).msg) },
    );
    const alone = new SharedSignInThrottle(down, limits, now, log, SECRET);
    const email = `${fresh()}@x.test`;
    for (let i = 0; i < limits.perEmail; i++)
      expect((await alone.attempt(email, '10.0.0.9')).wait).toBe(0);
    expect((await alone.attempt(email, '10.0.0.9')).wait).toBeGreaterThan(0);
    expect(logged[0]).toBe('sign-in limits could not reach Redis: this node counts alone');
    expect(JSON.stringify(logged)).not.toContain(email);
  });

  it('counts alone, within a second, while Redis holds its commands (a client reconnecting)', async () => {
    const held: RedisCommands = { sendCommand: () => new Promise(() => undefined) };
    const alone = new SharedSignInThrottle(held, limits, now, quiet, SECRET);
    const started = Date.now();
    expect((await alone.attempt(`${fresh()}@x.test`, '10.0.0.10')).wait).toBe(0);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('keys Redis by a keyed hash: neither the email nor its plain hash appears', async () => {
    const sent: string[][] = [];
    const spy: RedisCommands = {
      sendCommand: async (args) => {
        sent.push(args);
        return 0;
      },
    };
    const email = `${fresh()}@x.test`;
    await new SharedSignInThrottle(spy, limits, now, quiet, SECRET).attempt(email, '10.0.0.11');
    const plain = createHash('sha256').update(`email:${email}`).digest('base64url');
    const keys = JSON.stringify(sent.map((args) => args.slice(3, 5)));
    for (const leak of [email, '10.0.0.11', plain]) expect(keys).not.toContain(leak);
    const other = new SharedSignInThrottle(spy, limits, now, quiet, 'another secret');
    await other.attempt(email, '10.0.0.11');
    expect(sent[1]?.[3]).not.toBe(sent[0]?.[3]);
  });
});
