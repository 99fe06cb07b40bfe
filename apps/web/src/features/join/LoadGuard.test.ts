import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { LoadGuard } from '../../ui/LoadGuard';
import { LoadFailed } from './LoadGuard';

describe('when the call’s code fails to load', () => {
  it('the guard shows its fallback and tells the page, which stops the handed-over tracks', () => {
    const onFailed = vi.fn();
    const guard = new LoadGuard({ fallback: 'failed', onFailed, children: 'call' });
    expect(LoadGuard.getDerivedStateFromError()).toEqual({ failed: true });
    guard.componentDidCatch();
    expect(onFailed).toHaveBeenCalledOnce();
  });

  it('the page says what failed and offers a reload, not a dead end', () => {
    const html = renderToStaticMarkup(createElement(LoadFailed, { onReload: () => undefined }));
    expect(html).toContain('The page didn’t finish loading');
    expect(html).not.toContain('couldn’t open your invitation');
    expect(html).toMatch(/<button[^>]*data-testid="join-reload"[^>]*>Reload the page<\/button>/);
  });
});
