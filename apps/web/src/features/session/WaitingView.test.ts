import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { initialState } from '../../call/state';
import type { CallState } from '../../call/types';
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

const waiting = (message: string | null, later: string[] = []): CallState => ({
  ...initialState(),
  self: { state: 'waiting', message, lateArrival: false },
  waitingMessages: later.map((text, i) => ({ text, at: i + 1 })),
});

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
});
