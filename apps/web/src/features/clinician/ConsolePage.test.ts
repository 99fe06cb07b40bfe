import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { GoneView, Joining } from './ConsolePage';

const render = (error: Parameters<typeof Joining>[0]['error']): string =>
  renderToStaticMarkup(createElement(Joining, { error }));

describe('the console while it joins', () => {
  it('says it is connecting, and nothing more, while nothing went wrong', () => {
    const html = render(null);
    expect(html).toContain('Connecting to the session…');
    expect(html).not.toContain('role="alert"');
  });

  it('says why it is trying again after a passing failure', () => {
    const html = render({ code: 'TIMEOUT', message: 'no answer', fatal: false });
    expect(html).toContain('Still connecting to the session.');
    expect(html).toMatch(/role="alert"[^>]*data-error-code="TIMEOUT"/);
    expect(html).toContain('we got no answer in time');
  });

  it('names a session moving to another server the same way', () => {
    const html = render({ code: 'SESSION_ELSEWHERE', message: 'moving', fatal: false });
    expect(html).toContain('data-error-code="SESSION_ELSEWHERE"');
  });

  it('tells a console opened in another window so, not that its clinician was removed', () => {
    const html = renderToStaticMarkup(
      createElement(GoneView, {
        self: { state: 'removed', kind: 'replaced', message: null },
        onRejoin: () => undefined,
      }),
    );
    expect(html).toContain('You joined this session from another window or device');
  });
});
