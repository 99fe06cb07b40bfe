/** The pages of the app, matched from `location.pathname` alone. */
export type Route =
  | { name: 'home' }
  | { name: 'room'; sessionId: string }
  | { name: 'join' }
  | { name: 'login' }
  | { name: 'clinician' }
  | { name: 'console'; sessionId: string }
  | { name: 'roster'; sessionId: string }
  | { name: 'admin'; section: string }
  | { name: 'notFound'; path: string };

const MAX_ID = 64;
const ROOM = /^\/room\/([^/]+)\/?$/;
const CONSOLE = /^\/clinician\/sessions\/([^/]+)\/?$/;
const ROSTER = /^\/clinician\/sessions\/([^/]+)\/roster\/?$/;
const ADMIN = /^\/admin(?:\/([a-z-]+))?\/?$/;

function id(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const value = decodeURIComponent(raw);
    return value.length > 0 && value.length <= MAX_ID ? value : null;
  } catch {
    return null; // A malformed escape is not an id.
  }
}

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/join') return { name: 'join' };
  if (path === '/login') return { name: 'login' };
  if (path === '/clinician') return { name: 'clinician' };
  const room = id(ROOM.exec(pathname)?.[1]);
  if (room) return { name: 'room', sessionId: room };
  const roster = id(ROSTER.exec(pathname)?.[1]);
  if (roster) return { name: 'roster', sessionId: roster };
  const console = id(CONSOLE.exec(pathname)?.[1]);
  if (console) return { name: 'console', sessionId: console };
  const admin = ADMIN.exec(pathname);
  if (admin) return { name: 'admin', section: admin[1] ?? 'attendance' };
  return { name: 'notFound', path: pathname };
}

/** A room link; the token rides in the fragment, which browsers never send to the server. */
export function roomHref(sessionId: string, token?: string): string {
  const path = `/room/${encodeURIComponent(sessionId)}`;
  return token ? `${path}#token=${encodeURIComponent(token)}` : path;
}

export const consoleHref = (sessionId: string): string =>
  `/clinician/sessions/${encodeURIComponent(sessionId)}`;
export const rosterHref = (sessionId: string): string => `${consoleHref(sessionId)}/roster`;
export const adminHref = (section: string): string => `/admin/${section}`;
