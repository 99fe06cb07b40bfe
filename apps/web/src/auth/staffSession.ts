import { useSyncExternalStore } from 'react';
import { api } from '../api/client';

/**
 * A signed-in staff member: the short-lived access token lives in memory only; the
 * refresh token is an httpOnly cookie the page never sees. `accessToken()` refreshes
 * shortly before expiry, so a three-hour session keeps working.
 */
export interface StaffUser {
  id: string;
  email: string;
  displayName: string;
  role: 'clinician' | 'admin';
}

interface Signed {
  token: string;
  expiresAt: number;
  user: StaffUser;
}

export type StaffState =
  { status: 'unknown' } | { status: 'signedOut' } | { status: 'signedIn'; user: StaffUser };

let state: StaffState = { status: 'unknown' };
let signed: Signed | null = null;
let refreshing: Promise<Signed | null> | null = null;
const listeners = new Set<() => void>();

function set(next: StaffState): void {
  state = next;
  for (const l of listeners) l();
}

function accept(s: Signed | null): Signed | null {
  signed = s;
  set(s ? { status: 'signedIn', user: s.user } : { status: 'signedOut' });
  return s;
}

export async function signIn(email: string, password: string): Promise<StaffUser> {
  const s = await api<Signed>('/api/auth/login', { body: { email, password } });
  accept(s);
  return s.user;
}

/** Uses the refresh cookie; resolves null when there is no valid sign-in. */
export function refresh(): Promise<Signed | null> {
  refreshing ??= api<Signed>('/api/auth/refresh', { method: 'POST' })
    .then(accept, () => accept(null))
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** A valid access token, refreshed when it is within a minute of expiring. */
export async function accessToken(): Promise<string> {
  if (signed && signed.expiresAt - Date.now() > 60_000) return signed.token;
  const s = await refresh();
  if (!s) throw new Error('signed out');
  return s.token;
}

export async function signOut(): Promise<void> {
  await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
  accept(null);
}

export function useStaffSession(): StaffState {
  const snapshot = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
  if (snapshot.status === 'unknown' && !refreshing) void refresh();
  return snapshot;
}
