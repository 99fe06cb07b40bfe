import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

/** Where a focused control sat: its row (a person) and which of the row's controls it was. */
interface Spot {
  element: HTMLElement;
  row: string | null;
  control: string | null;
}

const ROW = '[data-participant-id]';
/** What a row's control opens over the page; the focus comes back from it to the panel. */
const LAYERS = '[role="dialog"], [role="alertdialog"], [role="menu"]';

/**
 * The rows to try, in order, when the focused control went away: its own row if it is still
 * there, then the rows that were after it, then those before it, nearest first.
 */
export function heirRows(order: readonly string[], row: string | null): string[] {
  if (row === null) return [];
  const i = order.indexOf(row);
  if (i < 0) return [row];
  return [row, ...order.slice(i + 1), ...order.slice(0, i).reverse()];
}

/** The control to focus instead: the same control of the nearest row, else the list's heading. */
function heirOf(panel: HTMLElement, lost: Spot, order: readonly string[]): HTMLElement | null {
  const rows = new Map(
    [...panel.querySelectorAll<HTMLElement>(ROW)].map((r) => [r.dataset.participantId, r]),
  );
  const row = heirRows(order, lost.row)
    .map((id) => rows.get(id))
    .find((r) => r !== undefined);
  const same = lost.control ? `[data-testid="${lost.control}"]:not(:disabled)` : null;
  return (
    (same ? row?.querySelector<HTMLElement>(same) : null) ??
    row?.querySelector<HTMLElement>('button:not(:disabled)') ??
    panel.querySelector<HTMLElement>('h2[tabindex="-1"]')
  );
}

/**
 * Keeps the keyboard focus in the side panel when the row holding it goes (admitted, turned
 * away, hand lowered, sent to the waiting room, removed): it moves to the same control of
 * the next row, or of the previous one when the row was last, or to the list's heading when
 * the list is empty. When a dialog or menu of that row holds the focus, it moves once that
 * closes; when the person has gone on to something else, it stays there.
 */
export function useFocusKeeper(): RefObject<HTMLElement | null> {
  const panel = useRef<HTMLElement>(null);
  const spot = useRef<Spot | null>(null);
  const order = useRef<string[]>([]);
  const frame = useRef(0);

  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      const layer = target?.closest<HTMLElement>(LAYERS);
      // A menu names the button that opened it, which a pointer opens without focusing.
      const labelledBy = layer?.getAttribute('aria-labelledby');
      const opener = labelledBy ? document.getElementById(labelledBy) : null;
      const inPanel = (el: HTMLElement | null | undefined): el is HTMLElement =>
        !!el && !!panel.current?.contains(el);
      const held = inPanel(target) ? target : inPanel(opener) ? opener : null;
      if (held) {
        const row = held.closest<HTMLElement>(ROW)?.dataset.participantId ?? null;
        spot.current = { element: held, row, control: held.dataset.testid ?? null };
      } else if (!layer) {
        spot.current = null;
        cancelAnimationFrame(frame.current);
      }
    };
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      cancelAnimationFrame(frame.current);
    };
  }, []);

  useLayoutEffect(() => {
    const before = order.current;
    order.current = [...(panel.current?.querySelectorAll<HTMLElement>(ROW) ?? [])].map(
      (r) => r.dataset.participantId ?? '',
    );
    const lost = spot.current;
    if (!lost || lost.element.isConnected) return;
    spot.current = null;
    const place = () => {
      const active = document.activeElement;
      if (active && active !== document.body) {
        if (active.closest(LAYERS)) frame.current = requestAnimationFrame(place);
        return;
      }
      if (panel.current) heirOf(panel.current, lost, before)?.focus();
    };
    cancelAnimationFrame(frame.current);
    place();
  });
  return panel;
}
