import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { HavenError, StaffRole } from '@haven/protocol';
import type { Principal } from './principal.js';

const ISSUER = 'haven';
const AUDIENCE = 'haven';
const ALGORITHM = 'HS256' as const;

const Claims = z.discriminatedUnion('typ', [
  z.object({
    typ: z.literal('staff'),
    sub: z.string().min(1),
    role: StaffRole,
    name: z.string(),
    // The account's password version when signed: absent from tokens older than the
    // version, which hold for an account whose password has not changed since.
    pwv: z.number().int().nonnegative().default(0),
  }),
  z.object({
    typ: z.literal('patient'),
    sub: z.string().min(1),
    sid: z.string().min(1),
    inv: z.string().min(1),
    name: z.string(),
  }),
  z.object({
    typ: z.literal('dev'),
    sub: z.string().min(1),
    sid: z.string().min(1),
    role: z.enum(['clinician', 'patient']),
    name: z.string(),
  }),
]);

/**
 * Signs and verifies Haven's access tokens. The algorithm, issuer and audience are
 * pinned on verify, so a token signed any other way is refused.
 */
export class TokenService {
  /**
   * The secret as a key object, made once: given a string, jsonwebtoken first tries to
   * read it as a PEM public or private key on every call, and that failed attempt cost
   * about 2 ms per token, the largest single cost of a socket connecting.
   */
  private readonly key: KeyObject;

  constructor(
    secret: string,
    private readonly accessMinutes: number,
  ) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  /** A staff token holds until the account's password changes (version 0: never changed). */
  signStaff(user: { id: string; role: StaffRole; displayName: string; passwordVersion?: number }): {
    token: string;
    expiresAt: number;
  } {
    return this.sign(
      { typ: 'staff', role: user.role, name: user.displayName, pwv: user.passwordVersion ?? 0 },
      user.id,
      this.accessMinutes * 60,
    );
  }

  /** A patient token is scoped to one session and lives as long as that session can. */
  signPatient(
    p: { patientId: string; sessionId: string; inviteId: string; displayName: string },
    ttlSeconds: number,
  ) {
    return this.sign(
      { typ: 'patient', sid: p.sessionId, inv: p.inviteId, name: p.displayName },
      p.patientId,
      ttlSeconds,
    );
  }

  signDev(p: {
    userId: string;
    sessionId: string;
    role: 'clinician' | 'patient';
    displayName: string;
  }) {
    return this.sign(
      { typ: 'dev', sid: p.sessionId, role: p.role, name: p.displayName },
      p.userId,
      12 * 3600,
    );
  }

  verify(token: string): Principal {
    let decoded: unknown;
    try {
      decoded = jwt.verify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
      });
    } catch (err) {
      if (err instanceof jwt.TokenExpiredError)
        throw new HavenError('TOKEN_EXPIRED', 'Your sign-in has expired.');
      throw new HavenError('UNAUTHENTICATED', 'The access token is not valid.');
    }
    const claims = Claims.safeParse(decoded);
    if (!claims.success) throw new HavenError('UNAUTHENTICATED', 'The access token is not valid.');
    const c = claims.data;
    switch (c.typ) {
      case 'staff':
        return {
          kind: 'staff',
          userId: c.sub,
          role: c.role,
          displayName: c.name,
          passwordVersion: c.pwv,
        };
      case 'patient':
        return {
          kind: 'patient',
          patientId: c.sub,
          sessionId: c.sid,
          inviteId: c.inv,
          displayName: c.name,
        };
      case 'dev':
        return { kind: 'dev', userId: c.sub, sessionId: c.sid, role: c.role, displayName: c.name };
    }
  }

  private sign(payload: object, subject: string, ttlSeconds: number) {
    const token = jwt.sign(payload, this.key, {
      algorithm: ALGORITHM,
      issuer: ISSUER,
      audience: AUDIENCE,
      subject,
      expiresIn: ttlSeconds,
    });
    return { token, expiresAt: Date.now() + ttlSeconds * 1000 };
  }
}
