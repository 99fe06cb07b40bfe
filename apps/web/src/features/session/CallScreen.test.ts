import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CallErrorCode } from '../../call/errors';
import { CallProblem } from './CallScreen';

const render = (code: CallErrorCode, fatal = true): string =>
  renderToStaticMarkup(
    createElement(CallProblem, {
      error: { code, message: code, fatal },
      onDismiss: () => undefined,
      onRetry: () => undefined,
      onReload: () => undefined,
    }),
  );

describe('the way forward after a call error', () => {
  it('is a reload for a protocol mismatch: another attempt would run the same old code', () => {
    const html = render('PROTOCOL_MISMATCH');
    expect(html).toContain('data-testid="reload-page"');
    expect(html).toContain('Reload the page');
    expect(html).not.toContain('Try again');
  });

  it('is another attempt for failures a new attempt can fix', () => {
    for (const code of ['TIMEOUT', 'DISCONNECTED', 'INTERNAL', 'RATE_LIMITED'] as const) {
      const html = render(code);
      expect(html, code).toContain('Try again');
      expect(html, code).not.toContain('reload-page');
    }
  });

  it('is neither where only a new link or the clinic can help', () => {
    const html = render('REMOVED');
    expect(html).not.toContain('Try again');
    expect(html).not.toContain('reload-page');
  });
});
