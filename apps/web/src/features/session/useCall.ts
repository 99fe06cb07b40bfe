import { useEffect, useState, useSyncExternalStore } from 'react';
import { CallClient } from '../../call/CallClient';
import type { CallState } from '../../call/types';
import type { JoinPreferences } from './joinLink';

declare global {
  interface Window {
    /**
     * Debug hook: the call of this page, for the browser console and browser tests. It
     * holds nothing the person at the keyboard does not already have.
     */
    __havenCall?: CallClient;
  }
}

/** Creates the call for this page, joins, and leaves when the page goes away. */
export function useCallClient(
  sessionId: string,
  token: string | null,
  { listenOnly, camera }: JoinPreferences,
): CallClient | null {
  const [client, setClient] = useState<CallClient | null>(null);
  useEffect(() => {
    if (!token) return;
    const call = new CallClient({ token, listenOnly, camera });
    setClient(call);
    window.__havenCall = call;
    // Failures land in the call's state, where the page shows them.
    call.join({ sessionId }).catch(() => undefined);
    // Closing the tab counts as leaving, not as a dropped connection.
    const onPageHide = (event: PageTransitionEvent) => {
      if (!event.persisted) void call.leave();
    };
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      void call.leave();
      if (window.__havenCall === call) delete window.__havenCall;
    };
  }, [sessionId, token, listenOnly, camera]);
  return client;
}

const noSubscription = () => () => undefined;

export function useCallState(client: CallClient | null): CallState | null {
  return useSyncExternalStore(client?.subscribe ?? noSubscription, () =>
    client ? client.getSnapshot() : null,
  );
}

/** Runs a call action from a click; its failure is already shown by the call's error state. */
export function quietly(action: Promise<unknown>): void {
  action.catch(() => undefined);
}
