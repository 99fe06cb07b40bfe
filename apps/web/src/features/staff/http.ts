import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, type ApiOptions } from '../../api/client';
import { accessToken } from '../../auth/staffSession';
import { codeOf } from './errors';

/** `api()` with a fresh staff access token; a lost sign-in surfaces as UNAUTHENTICATED. */
export async function staffApi<T>(path: string, options: Omit<ApiOptions, 'token'> = {}) {
  let token: string;
  try {
    token = await accessToken();
  } catch {
    throw new ApiError('UNAUTHENTICATED', 'Not signed in.', 401);
  }
  return api<T>(path, { ...options, token });
}

export type Load<T> =
  | { kind: 'loading'; previous: T | null }
  | { kind: 'error'; code: string; previous: T | null }
  | { kind: 'ready'; data: T };

/** Loads `path` (again when it changes, or on `reload()`); aborts when the page goes away. */
export function useLoad<T>(path: string): { load: Load<T>; reload: () => void } {
  const [load, setLoad] = useState<Load<T>>({ kind: 'loading', previous: null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setLoad((l) => ({ kind: 'loading', previous: l.kind === 'ready' ? l.data : l.previous }));
    staffApi<T>(path, { signal: controller.signal })
      .then((data) => setLoad({ kind: 'ready', data }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setLoad((l) => ({
          kind: 'error',
          code: codeOf(error),
          previous: l.kind === 'ready' ? l.data : l.previous,
        }));
      });
    return () => controller.abort();
  }, [path, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { load, reload };
}

/** The data to show: the fresh answer, or the last one while reloading or after a failure. */
export const shown = <T>(load: Load<T>): T | null =>
  load.kind === 'ready' ? load.data : load.previous;
