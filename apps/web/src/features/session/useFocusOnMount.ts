import { useEffect, useRef } from 'react';

/**
 * Moves the keyboard focus to an element (a step's heading, with tabIndex -1) when it
 * appears, so a screen reader announces the new step and Tab continues from there.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, []);
  return ref;
}
