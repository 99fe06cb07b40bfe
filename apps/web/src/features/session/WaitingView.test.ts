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
  status: { state: 'waiting', message, lateArrival: false, clinicianPresent: false },
});

/** The waiting room as the call state holds it after these events. */
const waiting = (message: string | null, later: string[] = []): CallState =>
  [
    status(message),
    ...later.map((text, i): CallAction => ({ type: 'waitingMessage', text, at: i + 1 })),
  ].reduce(reduce, initialState());

const render = (state: CallState, startsAt?: number): string =>
  renderToStaticMarkup(
    createElement(WaitingView, { state, controls, ...(startsAt !== undefined && { startsAt }) }),
  );

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

describe('the waiting room’s word on the clinician', () => {
  const NOT_YET = 'Your clinician is not in the session at the moment.';
  const HERE = 'Your clinician knows you are here and will let you in.';
  const CALL = 'please contact your clinic.';
  const minutesAgo = (n: number) => Date.now() - n * 60_000;
  /** The status region, from its opening tag to the end of the markup. */
  const statusOf = (html: string): string => html.slice(html.indexOf('role="status"'));

  it('says in a status region whether the clinician is here, and follows them coming', () => {
    const early = waiting(null);
    expect(render(early)).toContain('role="status" data-testid="waiting-presence"');
    expect(statusOf(render(early))).toContain(NOT_YET);
    const came = reduce(early, { type: 'clinician', present: true });
    const html = statusOf(render(came));
    expect(html).toContain(HERE);
    expect(html).not.toContain(NOT_YET);
  });

  it('suggests contacting the clinic only once the start is more than ten minutes past, with nobody there', () => {
    expect(render(waiting(null), minutesAgo(11))).toContain(CALL);
    expect(render(waiting(null), minutesAgo(9))).not.toContain(CALL);
    expect(render(waiting(null))).not.toContain(CALL);
    const came = reduce(waiting(null), { type: 'clinician', present: true });
    expect(render(came, minutesAgo(30))).not.toContain(CALL);
  });
});
