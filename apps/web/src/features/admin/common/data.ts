import { useCallback, useEffect, useState } from 'react';
import { api, download, type ApiOptions } from '../../../api/client';
import { accessToken } from '../../../auth/staffSession';
import { toProblem, type Problem } from './problems';

/** A request with the signed-in staff member's token (refreshed when needed). */
export async function request<T>(
  path: string,
  options: Omit<ApiOptions, 'token'> = {},
): Promise<T> {
  return api<T>(path, { ...options, token: await accessToken() });
}

/** A file download (CSV, FHIR) with the staff member's token. */
export async function downloadFile(path: string, filename: string): Promise<void> {
  await download(path, await accessToken(), filename);
}

/** A query string from the defined values only. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** What a read looks like while it happens: loading keeps the previous answer, if any. */
export type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading'; previous: T | null }
  | { status: 'error'; problem: Problem }
  | { status: 'ready'; data: T };

/**
 * Reads `path` (null: nothing to read yet), again whenever it changes or `reload()` is
 * called. A newer read cancels the one in flight.
 */
export function useApi<T>(path: string | null): { state: Loadable<T>; reload: () => void } {
  const [state, setState] = useState<Loadable<T>>(
    path ? { status: 'loading', previous: null } : { status: 'idle' },
  );
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!path) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({
      status: 'loading',
      previous: s.status === 'ready' ? s.data : s.status === 'loading' ? s.previous : null,
    }));
    accessToken()
      .then((token) => api<T>(path, { token, signal: controller.signal }))
      .then(
        (data) => {
          if (!controller.signal.aborted) setState({ status: 'ready', data });
        },
        (err: unknown) => {
          const problem = toProblem(err);
          if (problem && !controller.signal.aborted) setState({ status: 'error', problem });
        },
      );
    return () => controller.abort();
  }, [path, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { state, reload };
}

/** The data of a read, the latest one while a newer read is loading. */
export function dataOf<T>(state: Loadable<T>): T | null {
  if (state.status === 'ready') return state.data;
  if (state.status === 'loading') return state.previous;
  return null;
}

/** A write's progress: what a form shows while it saves and after it fails. */
export type Mutation =
  { status: 'idle' } | { status: 'busy' } | { status: 'failed'; problem: Problem };

/** Runs writes one at a time, keeping the failure for the form to show. */
export function useMutation(): {
  mutation: Mutation;
  run: <T>(work: () => Promise<T>) => Promise<T | null>;
  reset: () => void;
} {
  const [mutation, setMutation] = useState<Mutation>({ status: 'idle' });
  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T | null> => {
    setMutation({ status: 'busy' });
    try {
      const result = await work();
      setMutation({ status: 'idle' });
      return result;
    } catch (err) {
      setMutation({
        status: 'failed',
        problem: toProblem(err) ?? { code: 'INTERNAL', known: null, fields: {}, detail: null },
      });
      return null;
    }
  }, []);
  const reset = useCallback(() => setMutation({ status: 'idle' }), []);
  return { mutation, run, reset };
}
