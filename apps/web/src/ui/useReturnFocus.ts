import { useRef } from 'react';

/**
 * A dialog opened from code, not from its own trigger, has nothing to give the focus back
 * to when it closes: it falls to the page's start, and a keyboard or screen-reader user
 * starts again from the top. This remembers what had the focus when the dialog opened
 * and gives it back on closing (pass the result as `onCloseAutoFocus`); if that element
 * has gone meanwhile, the focus is left to the dialog's default.
 */
export function useReturnFocus(open: boolean): (event: Event) => void {
  const opener = useRef<HTMLElement | null>(null);
  const wasOpen = useRef(false);
  // Read as the dialog opens, before it takes the focus into itself.
  if (open && !wasOpen.current && typeof document !== 'undefined') {
    const active = document.activeElement;
    opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
  }
  wasOpen.current = open;
  return (event) => {
    const element = opener.current;
    if (!element?.isConnected) return;
    event.preventDefault();
    element.focus();
  };
}
