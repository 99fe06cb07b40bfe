/** The pages of the app, matched from `location.pathname` alone. */
export type Route =
  { name: 'home' } | { name: 'room'; sessionId: string } | { name: 'notFound'; path: string };

const ROOM = /^\/room\/([^/]+)\/?$/;
const MAX_ID = 64;

export function matchRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'home' };
  const room = ROOM.exec(pathname);
  if (room?.[1]) {
    try {
      const sessionId = decodeURIComponent(room[1]);
      if (sessionId.length > 0 && sessionId.length <= MAX_ID) return { name: 'room', sessionId };
    } catch {
      // A malformed escape is not a session id.
    }
  }
  return { name: 'notFound', path: pathname };
}

/** A room link; the token rides in the fragment, which browsers never send to the server. */
export function roomHref(sessionId: string, token?: string): string {
  const path = `/room/${encodeURIComponent(sessionId)}`;
  return token ? `${path}#token=${encodeURIComponent(token)}` : path;
}
