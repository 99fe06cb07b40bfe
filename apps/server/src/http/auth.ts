import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { HavenError, LoginBody } from '@haven/protocol';
import type { StaffUser } from '@haven/db';
import { dummyVerify, verifyPassword } from '../auth/passwords.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import { SIGN_IN_LIMITS, SharedSignInThrottle, SignInThrottle } from '../auth/throttle.js';
import { principalOf } from '../plugins/auth.js';
import { parse } from './errors.js';

const REFRESH_COOKIE = 'haven_refresh';
const REFRESH_DAYS = 14;

/** Staff sign-in: a short-lived access token, and a rotating refresh token in an httpOnly cookie. */
export async function authRoutes(
  app: FastifyInstance,
  opts: { secureCookies: boolean; keySecret: string },
): Promise<void> {
  const { db, clinic } = app;

  const refreshExpiry = () => clinic.clock() + REFRESH_DAYS * 86_400_000;
  const throttle = app.redis
    ? new SharedSignInThrottle(
        app.redis,
        SIGN_IN_LIMITS,
        clinic.clock,
        app.log as unknown as Logger,
        opts.keySecret,
      )
    : new SignInThrottle(SIGN_IN_LIMITS, clinic.clock);

  /** Sets the refresh cookie and answers with a fresh access token. */
  function signedIn(reply: FastifyReply, user: StaffUser, refresh: string) {
    void reply.setCookie(REFRESH_COOKIE, refresh, {
      httpOnly: true,
      secure: opts.secureCookies,
      sameSite: 'strict',
      path: '/api/auth',
      maxAge: REFRESH_DAYS * 86_400,
    });
    const access = app.tokens.signStaff(user);
    return {
      ok: true,
      data: { token: access.token, expiresAt: access.expiresAt, user: publicUser(user) },
    };
  }

  app.post('/api/auth/login', async (request, reply) => {
    const body = parse(LoginBody, request.body);
    const attempt = await throttle.attempt(body.email, request.ip);
    const { wait } = attempt;
    if (wait > 0) {
      request.log.warn('sign-in refused: too many failures');
      void reply.header('retry-after', String(wait));
      throw new HavenError(
        'RATE_LIMITED',
        `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} min.`,
      );
    }
    const account = await db.staff.byEmail(body.email);
    const valid = account
      ? await verifyPassword(account.passwordHash, body.password)
      : await dummyVerify(body.password);
    if (!account || !valid || !account.active) {
      await clinic.audit.append({
        actorId: account?.id ?? null,
        actorRole: account?.role ?? null,
        action: 'auth.login_failed',
        requestId: request.id,
      });
      throw new HavenError('INVALID_CREDENTIALS', 'The email or password is not correct.');
    }
    await throttle.succeeded(body.email, request.ip, attempt.id);
    await clinic.audit.append({
      actorId: account.id,
      actorRole: account.role,
      action: 'auth.login',
      requestId: request.id,
    });
    const refresh = newSecret();
    await db.refreshTokens.issue({
      userId: account.id,
      tokenHash: hashSecret(refresh),
      expiresAt: refreshExpiry(),
    });
    return signedIn(reply, account, refresh);
  });

  app.post('/api/auth/refresh', async (request, reply) => {
    const presented = request.cookies[REFRESH_COOKIE];
    if (!presented) throw new HavenError('UNAUTHENTICATED', 'Please sign in.');
    const next = newSecret();
    const result = await db.refreshTokens.rotate(hashSecret(presented), {
      tokenHash: hashSecret(next),
      expiresAt: refreshExpiry(),
    });
    if (result.kind === 'reuse-detected') {
      await clinic.audit.append({
        actorId: result.userId,
        actorRole: null,
        action: 'auth.refresh_reuse',
        requestId: request.id,
      });
    }
    if (result.kind !== 'rotated') {
      void reply.clearCookie(REFRESH_COOKIE, { path: '/api/auth' });
      throw new HavenError('UNAUTHENTICATED', 'Please sign in again.');
    }
    const user = await db.staff.byId(result.token.userId);
    if (!user || !user.active) throw new HavenError('UNAUTHENTICATED', 'Please sign in again.');
    return signedIn(reply, user, next);
  });

  app.post('/api/auth/logout', async (request, reply) => {
    const presented = request.cookies[REFRESH_COOKIE];
    if (presented) {
      const row = await db.refreshTokens.byHash(hashSecret(presented));
      if (row) {
        await db.refreshTokens.revokeFamily(row.familyId);
        await clinic.audit.append({
          actorId: row.userId,
          actorRole: null,
          action: 'auth.logout',
          requestId: request.id,
        });
      }
    }
    void reply.clearCookie(REFRESH_COOKIE, { path: '/api/auth' });
    return { ok: true, data: {} };
  });

  app.get('/api/me', async (request) => {
    const principal = principalOf(request);
    if (principal.kind !== 'staff')
      return { ok: true, data: { kind: principal.kind, displayName: principal.displayName } };
    const user = await db.staff.byId(principal.userId);
    if (!user) throw new HavenError('UNAUTHENTICATED', 'Please sign in again.');
    return { ok: true, data: { kind: 'staff', user: publicUser(user) } };
  });
}

export const publicUser = (u: StaffUser) => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  active: u.active,
});
