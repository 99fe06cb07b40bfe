import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { CallClient } from '../../call/CallClient';
import { toCallError, type CallError } from '../../call/errors';
import type { CallClientOptions, JoinOptions } from '../../call/options';
import type { CallState } from '../../call/types';

declare global {
  interface Window {
    /**
     * Debug hook: the call of this page, for the browser console and browser tests. It
     * holds nothing the person at the keyboard does not already have.
     */
    __havenCall?: CallClient;
  }
}

/** Everything one attempt to join needs; a new object means a new call. */
export interface CallSetup {
  options: CallClientOptions;
  join: JoinOptions;
}

/** A call started before the page that shows it rendered, for that page to take over. */
let early: { setup: CallSetup; call: CallClient; joined: Promise<unknown> } | null = null;

/**
 * Creates the call for `setup` and joins at once, before React renders its page (a room
 * link opened): the socket connects while the page renders. `useCallClient` given the
 * same setup takes it over.
 */
export function startCallEarly(setup: CallSetup): void {
  if (early) return;
  const call = new CallClient(setup.options);
  const joined = call.join(setup.join);
  // Heard by the page once it takes the call over.
  joined.catch(() => undefined);
  early = { setup, call, joined };
  window.__havenCall = call;
}

/** The setup of the call started early for `sessionId`, if there is one to take over. */
export function earlySetup(sessionId: string): CallSetup | null {
  return early?.setup.join.sessionId === sessionId ? early.setup : null;
}

/**
 * Creates the call for `setup` (or takes over the one started early for it), joins, and
 * leaves when the page goes away or `setup` changes. `onJoinFailed` hears why the server
 * refused the join (CHECK_IN_REQUIRED...).
 */
export function useCallClient(
  setup: CallSetup | null,
  onJoinFailed?: (error: CallError) => void,
): CallClient | null {
  const [client, setClient] = useState<CallClient | null>(null);
  // Read when the join settles: a new callback must not start a new call.
  const failed = useRef(onJoinFailed);
  failed.current = onJoinFailed;
  useEffect(() => {
    if (!setup) return;
    const started = early?.setup === setup ? early : null;
    if (started) early = null;
    const call = started?.call ?? new CallClient(setup.options);
    setClient(call);
    window.__havenCall = call;
    // Other failures land in the call's state, where the page shows them.
    (started?.joined ?? call.join(setup.join)).catch((error: unknown) =>
      failed.current?.(toCallError(error)),
    );
    // Closing the tab counts as leaving, not as a dropped connection.
    const onPageHide = (event: PageTransitionEvent) => {
      if (!event.persisted) void call.leave();
    };
    window.addEventListener('pagehide', onPageHide);
    const stopWatching = watchPageVisibility(call);
    return () => {
      stopWatching();
      window.removeEventListener('pagehide', onPageHide);
      void call.leave();
      if (window.__havenCall === call) delete window.__havenCall;
    };
  }, [setup]);
  return client;
}

/** Tells the call when the page is hidden (minimised, a background tab) and shown again. */
export function watchPageVisibility(call: CallClient): () => void {
  const update = () => quietly(call.setPageVisible(document.visibilityState !== 'hidden'));
  update();
  document.addEventListener('visibilitychange', update);
  return () => document.removeEventListener('visibilitychange', update);
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
