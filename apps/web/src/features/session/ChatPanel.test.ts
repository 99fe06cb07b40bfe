import type { Space } from '@haven/protocol';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { initialState, reduce } from '../../call/state';
import { fakeParticipant, fakeSnapshot } from '../../call/testing';
import type { CallAction, CallState } from '../../call/types';
import { loadTexts } from '../../i18n';
import { ChatPanel, ChatToggle, chatTexts, closeChat, conversationOf } from './ChatPanel';

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

describe('the chat of a space', () => {
  beforeAll(() => loadTexts('es'));

  const inSpace = (space: Space, later: CallAction[] = []): CallState => {
    const actions: CallAction[] = [
      { type: 'joined', participantId: 'me' },
      { type: 'status', status: { state: 'admitted', space } },
      {
        type: 'snapshot',
        snapshot: fakeSnapshot([
          fakeParticipant('me', { space }),
          fakeParticipant('c1', { role: 'clinician', space, displayName: 'Dana R.' }),
          fakeParticipant('a', { displayName: 'Ana B.' }),
        ]),
      },
      ...later,
    ];
    return actions.reduce(reduce, initialState());
  };

  const panel = (state: CallState): string =>
    renderToStaticMarkup(
      createElement(ChatPanel, {
        messages: state.chat,
        selfId: state.selfId,
        conversation: conversationOf(state),
        onSend: () => Promise.resolve(),
        onClose: () => undefined,
      }),
    );

  it('is the group’s in the group', () => {
    const state = inSpace('main');
    expect(conversationOf(state)).toEqual({ space: 'main', partner: null });
    const html = panel(state);
    expect(html).toContain('Group chat');
    expect(html).toContain('Message to the group');
  });

  it('is private in a step-out, named for the other person, never “to the group”', () => {
    const state = inSpace('stepout:me');
    expect(conversationOf(state)).toEqual({ space: 'stepout:me', partner: 'Dana R.' });
    const html = panel(state);
    expect(html).toContain('Private chat with Dana R.');
    expect(html).toContain('Private message to Dana R.');
    expect(html).toContain('Only you and Dana R. see the messages here.');
    expect(html).not.toContain('to the group');
  });

  it('stays private when the other person has gone for a moment', () => {
    const state = inSpace('stepout:me', [{ type: 'participantLeft', participantId: 'c1', at: 1 }]);
    expect(conversationOf(state).partner).toBeNull();
    expect(panel(state)).toContain('Private message');
    expect(panel(state)).not.toContain('to the group');
  });

  it('says the same in Spanish', () => {
    expect(chatTexts({ space: 'main', partner: null }, 'es').input).toBe('Mensaje para el grupo');
    expect(chatTexts({ space: 'stepout:me', partner: 'Dana R.' }, 'es')).toMatchObject({
      title: 'Chat privado con Dana R.',
      input: 'Mensaje privado para Dana R.',
    });
  });
});
