/**
 * Keeps the screen on while a call lasts, where the browser can: a phone whose screen
 * locks in a three-hour group sends the page to the background, which stops its camera
 * and can drop the call. The browser lets the lock go whenever the page is hidden, so it
 * is asked for again each time the page shows. A browser without the API, or one that
 * refuses, leaves the screen to its own timeout. Answers the function that lets go.
 */
export function keepScreenOn(
  nav: Pick<Navigator, 'wakeLock'> | undefined = globalThis.navigator,
  doc: Document | undefined = globalThis.document,
): () => void {
  let lock: Promise<WakeLockSentinel | void> | undefined;
  const take = () => {
    if (doc?.visibilityState !== 'hidden')
      lock = nav?.wakeLock?.request('screen').catch(() => undefined);
  };
  take();
  doc?.addEventListener('visibilitychange', take);
  return () => {
    doc?.removeEventListener('visibilitychange', take);
    // A lock still being granted is let go once it is.
    void lock?.then((held) => held?.release()).catch(() => undefined);
  };
}
