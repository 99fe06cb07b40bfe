/** Reads the token from a room link's fragment (`#token=...`), if there is one. */
export function tokenFromFragment(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('token');
  return token && token.length > 0 ? token : null;
}

export interface JoinPreferences {
  /** `?listen=1`: publish nothing. */
  listenOnly: boolean;
  /** `?camera=0`: join with the microphone only. */
  camera: boolean;
}

const truthy = (value: string | null): boolean => value === '1' || value === 'true';
const falsy = (value: string | null): boolean => value === '0' || value === 'false';

export function joinPreferences(search: string): JoinPreferences {
  const params = new URLSearchParams(search);
  return { listenOnly: truthy(params.get('listen')), camera: !falsy(params.get('camera')) };
}

const storageKey = (sessionId: string): string => `haven:token:${sessionId}`;

/**
 * Takes the token out of the address bar (so it is not shown, shared in a screenshot or
 * kept in history) and keeps it for this tab only, so a reload still works.
 */
export function takeToken(sessionId: string): string | null {
  const fromLink = tokenFromFragment(window.location.hash);
  if (fromLink) {
    try {
      window.sessionStorage.setItem(storageKey(sessionId), fromLink);
    } catch {
      // Storage may be blocked (private mode); the token then lives for this page only.
    }
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', pathname + search);
    return fromLink;
  }
  try {
    return window.sessionStorage.getItem(storageKey(sessionId));
  } catch {
    return null;
  }
}
