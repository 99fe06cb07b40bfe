import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { ClientRequest, ClientRequestName, ClientResponses } from '@haven/protocol';
import { accessToken } from '../../../auth/staffSession';
import { CallClient } from '../../../call/CallClient';
import type { CallState } from '../../../call/types';
import { codeOf } from '../../staff/errors';

/**
 * The clinician's presence in the session. The token is asked for before every
 * connection, so a three-hour group outlives the short-lived access token.
 */
export function useConsoleCall(sessionId: string): CallClient | null {
  const [client, setClient] = useState<CallClient | null>(null);
  useEffect(() => {
    const call = new CallClient({ token: accessToken });
    setClient(call);
    // The same debug hook the call page sets (declared with it).
    window.__havenCall = call;
    // Failures land in the call's state, where the console shows them.
    call.join({ sessionId }).catch(() => undefined);
    const onPageHide = (event: PageTransitionEvent) => {
      if (!event.persisted) void call.leave();
    };
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      void call.leave();
      if (window.__havenCall === call) delete window.__havenCall;
    };
  }, [sessionId]);
  return client;
}

const noSubscription = () => () => undefined;

export function useCallSnapshot(client: CallClient | null): CallState | null {
  return useSyncExternalStore(client?.subscribe ?? noSubscription, () =>
    client ? client.getSnapshot() : null,
  );
}

/** The current time, updated every `ms` (for wait times that tick). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

export type Act = <K extends ClientRequestName>(
  name: K,
  payload: ClientRequest<K>,
  /** Names the control that is busy meanwhile (default: the request name). */
  key?: string,
) => Promise<boolean>;

/**
 * Runs clinician requests: one at a time per control, the failure kept as a code for a
 * plain-language sentence. `act` answers whether the request succeeded; `ask` answers
 * what the server answered, or null when it failed.
 */
export function useModeration(client: CallClient | null) {
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const ask = useCallback(
    async <K extends ClientRequestName>(
      name: K,
      payload: ClientRequest<K>,
      key: string = name,
    ): Promise<ClientResponses[K] | null> => {
      if (!client) return null;
      setFailure(null);
      setBusy((b) => new Set(b).add(key));
      try {
        return await client.request(name, payload);
      } catch (error) {
        setFailure(codeOf(error));
        return null;
      } finally {
        setBusy((b) => {
          const next = new Set(b);
          next.delete(key);
          return next;
        });
      }
    },
    [client],
  );
  const act: Act = useCallback(
    async (name, payload, key = name) => (await ask(name, payload, key)) !== null,
    [ask],
  );
  const clearFailure = useCallback(() => setFailure(null), []);
  return { act, ask, failure, clearFailure, busy };
}

/** Opens a dialog after a menu closed, so the two never hold the page at the same time. */
export const afterMenu = (open: () => void): void => {
  requestAnimationFrame(() => open());
};
