import { api } from '../../api/client';

/** What the server answers for a valid invite code: a session-scoped token and what it opens. */
export interface Invitation {
  token: string;
  /** Epoch milliseconds after which the token is refused. */
  expiresAt: number;
  inviteId: string;
  session: { id: string; title: string; startsAt: number; durationMinutes: number };
  patient: { displayName: string };
}

/** Invite codes are long random strings; anything else in the fragment is not one. */
const CODE = /^[A-Za-z0-9_-]{16,128}$/;

/** Reads the invite code from an invite link's fragment (`/join#<code>`). */
export function codeFromFragment(hash: string): string | null {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  let code: string;
  try {
    code = decodeURIComponent(raw).trim();
  } catch {
    return null;
  }
  return CODE.test(code) ? code : null;
}

/** The parts of sessionStorage used here; injectable for tests. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const INVITATION = 'haven:invitation';
const PENDING = 'haven:invite-code';
const CHECKED_IN = 'haven:checked-in';

function attempt<T>(task: () => T, fallback: T): T {
  try {
    return task();
  } catch {
    // Storage may be blocked (private mode, quota): the page still works until a reload.
    return fallback;
  }
}

const isInvitation = (value: unknown): value is Invitation => {
  const v = value as Partial<Invitation> | null;
  return (
    typeof v?.token === 'string' &&
    typeof v.expiresAt === 'number' &&
    typeof v.inviteId === 'string' &&
    typeof v.session?.id === 'string' &&
    typeof v.session.title === 'string' &&
    typeof v.session.startsAt === 'number' &&
    typeof v.patient?.displayName === 'string'
  );
};

/**
 * Where the invitation is kept for this tab only, so a reload works and nothing outlives
 * the tab. A code not yet exchanged is kept too, so a failed first attempt (no network)
 * can be retried after a reload.
 */
export class InvitationStore {
  constructor(private readonly storage: StorageLike | null) {}

  load(now: number): Invitation | null {
    const raw = attempt(() => this.storage?.getItem(INVITATION) ?? null, null);
    if (!raw) return null;
    const parsed = attempt<unknown>(() => JSON.parse(raw), null);
    if (!isInvitation(parsed) || parsed.expiresAt <= now) {
      this.clear();
      return null;
    }
    return parsed;
  }

  save(invitation: Invitation): void {
    attempt(() => {
      this.storage?.setItem(INVITATION, JSON.stringify(invitation));
      this.storage?.removeItem(PENDING);
    }, undefined);
  }

  clear(): void {
    attempt(() => {
      this.storage?.removeItem(INVITATION);
      this.storage?.removeItem(PENDING);
      this.storage?.removeItem(CHECKED_IN);
    }, undefined);
  }

  /**
   * Whether this tab already checked in to the session: the server keeps the answers,
   * so coming back (a reload, a rejoin) need not ask again. Only a session id is kept.
   */
  checkedIn(sessionId: string): boolean {
    return attempt(() => this.storage?.getItem(CHECKED_IN) === sessionId, false);
  }

  markCheckedIn(sessionId: string): void {
    attempt(() => this.storage?.setItem(CHECKED_IN, sessionId), undefined);
  }

  pendingCode(): string | null {
    return attempt(() => this.storage?.getItem(PENDING) ?? null, null);
  }

  keepPendingCode(code: string): void {
    attempt(() => this.storage?.setItem(PENDING, code), undefined);
  }

  dropPendingCode(): void {
    attempt(() => this.storage?.removeItem(PENDING), undefined);
  }
}

/** `POST /api/invites/exchange`: throws an ApiError (INVITE_INVALID, REMOVED, SESSION_ENDED, NOT_FOUND...). */
export const exchangeInvite = (code: string, signal?: AbortSignal): Promise<Invitation> =>
  api<Invitation>('/api/invites/exchange', { body: { code }, ...(signal ? { signal } : {}) });

/** Exchange failures a retry can fix; the others need a new link or a call to the clinic. */
export const RETRYABLE_EXCHANGE = new Set(['DISCONNECTED', 'TIMEOUT', 'RATE_LIMITED', 'INTERNAL']);
