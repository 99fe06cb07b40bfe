import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ChatToggle, closeChat } from './ChatPanel';

describe('closing the chat from its panel', () => {
  it('puts the focus back on the chat button before the panel goes', () => {
    const steps: string[] = [];
    const toggle = { focus: () => steps.push('focus') };
    const root = {
      getElementById: (id: string) => {
        steps.push(`find ${id}`);
        return toggle as unknown as HTMLElement;
      },
    };
    closeChat(() => steps.push('close'), root);
    expect(steps).toEqual(['find chat-toggle', 'focus', 'close']);
  });

  it('finds the chat button by the id it renders with', () => {
    const html = renderToStaticMarkup(
      createElement(ChatToggle, { open: true, unread: 0, onToggle: () => undefined }),
    );
    expect(html).toMatch(/<button[^>]*\sid="chat-toggle"/);
  });

  it('still closes when the chat button is not there', () => {
    const steps: string[] = [];
    closeChat(() => steps.push('close'), { getElementById: () => null });
    expect(steps).toEqual(['close']);
  });
});
