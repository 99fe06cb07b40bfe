import type { StaffUser } from '../../auth/staffSession';

const HOME: Record<StaffUser['role'], string> = { clinician: '/clinician', admin: '/admin' };
const ALLOWED: Record<StaffUser['role'], readonly string[]> = {
  clinician: ['/clinician'],
  admin: ['/admin', '/clinician'],
};

/**
 * Where to go after signing in: the page the person was sent away from, when it is one
 * of this app's staff pages their role uses; otherwise their role's home page. Anything
 * else in `next` (another site, `//host`, a patient page) is ignored.
 */
export function landingFor(role: StaffUser['role'], next: string | null): string {
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\')) {
    const path = next.split(/[?#]/)[0] ?? '';
    if (ALLOWED[role].some((base) => path === base || path.startsWith(`${base}/`))) return next;
  }
  return HOME[role];
}
