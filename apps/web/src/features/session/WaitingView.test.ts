import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { initialState, reduce } from '../../call/state';
import type { CallAction, CallState } from '../../call/types';
import { WaitingView, type WaitingViewProps } from './WaitingView';

const controls: WaitingViewProps['controls'] = {
  micEnabled: true,
  cameraEnabled: false,
  micLocked: false,
  cameraLocked: false,
  onMic: () => undefined,
  onCamera: () => undefined,
  confirmLeave: true,
  onLeave: () => undefined,
};

const status = (message: string | null): CallAction => ({
  type: 'status',
  status: { state: 'waiting', message, lateArrival: false },
});

/** The waiting room as the call state holds it after these events. */
const waiting = (message: string | null, later: string[] = []): CallState =>
  [
    status(message),
    ...later.map((text, i): CallAction => ({ type: 'waitingMessage', text, at: i + 1 })),
  ].reduce(reduce, initialState());

const render = (state: CallState): string =>
  renderToStaticMarkup(createElement(WaitingView, { state, controls }));

/** The live region, from its opening tag to the end of the markup. */
const logOf = (html: string): string => html.slice(html.indexOf('role="log"'));

describe('the waiting room messages', () => {
  it('keep their live region in place before any message, so the first one is announced', () => {
    const html = render(waiting(null));
    expect(html).toContain('data-testid="waiting-messages"');
    expect(html).toMatch(/role="log"[^>]*aria-live="polite"/);
    expect(html).not.toContain('class="message"');
  });

  it('show the clinician’s messages inside that region', () => {
    const html = render(waiting('We start in five minutes.', ['Almost ready.']));
    const log = logOf(html);
    expect(log).toContain('Messages from your clinician');
    expect(log).toContain('We start in five minutes.');
    expect(log).toContain('Almost ready.');
  });

  it('show a message once after a reconnection repeats it in the status', () => {
    const again = reduce(
      waiting(null, ['We start in five minutes.']),
      status('We start in five minutes.'),
    );
    const html = render(again);
    expect(html.split('We start in five minutes.')).toHaveLength(2);
  });
});
