import type { ChatMessage } from '@haven/protocol';
import { Collapsible } from 'radix-ui';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useT } from '../../i18n';
import { sessionMessages } from './messages';

/** The chat's button for the control bar; shows how many messages came since it was last open. */
export function ChatToggle({ open, unread }: { open: boolean; unread: number }) {
  const t = useT(sessionMessages);
  return (
    <Collapsible.Trigger
      className={open ? 'toggle toggle--active' : 'toggle'}
      data-testid="chat-toggle"
    >
      <svg
        className="icon"
        viewBox="0 0 24 24"
        width="24"
        height="24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
        focusable="false"
      >
        <path d="M4 5h16v11H9l-5 4z" />
      </svg>
      <span className="toggle__label">
        {t('chat')}
        {unread > 0 && !open && (
          <span className="visually-hidden"> ({t('chatNew', { n: unread })})</span>
        )}
      </span>
      {unread > 0 && !open && (
        <span className="toggle__count" aria-hidden="true">
          {unread}
        </span>
      )}
    </Collapsible.Trigger>
  );
}

interface ChatPanelProps {
  messages: readonly ChatMessage[];
  selfId: string | null;
  onSend: (text: string) => Promise<void>;
}

/** The text chat of this person's space (the group, or a private conversation). */
export function ChatPanel({ messages, selfId, onSend }: ChatPanelProps) {
  const t = useT(sessionMessages);
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const log = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = log.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [messages.length]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text || sending) return;
    setSending(true);
    onSend(text)
      .then(() => setDraft(''))
      .catch(() => undefined)
      .finally(() => setSending(false));
  };

  return (
    <Collapsible.Content className="chat" data-testid="chat-panel">
      <div className="chat__header">
        <h2 id="chat-title">{t('chat')}</h2>
        <Collapsible.Trigger className="quiet" aria-label={t('chatClose')}>
          <span aria-hidden="true">×</span>
        </Collapsible.Trigger>
      </div>
      <div
        ref={log}
        className="chat__log"
        role="log"
        aria-live="polite"
        aria-label={t('chatLog')}
        data-testid="chat-log"
        tabIndex={0}
      >
        {messages.length === 0 ? (
          <p className="hint">{t('chatEmpty')}</p>
        ) : (
          <ol>
            {messages.map((m) => (
              <li
                key={m.id}
                className={
                  m.fromId === selfId ? 'chat__message chat__message--own' : 'chat__message'
                }
              >
                <span className="chat__from">{m.fromId === selfId ? t('you') : m.fromName}</span>
                <span className="chat__text">{m.text}</span>
              </li>
            ))}
          </ol>
        )}
      </div>
      <form className="chat__form" onSubmit={submit}>
        <label htmlFor="chat-input" className="visually-hidden">
          {t('chatInput')}
        </label>
        <input
          id="chat-input"
          data-testid="chat-input"
          value={draft}
          maxLength={1000}
          autoComplete="off"
          placeholder={t('chatInput')}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button
          type="submit"
          className="primary"
          disabled={sending || !draft.trim()}
          data-testid="chat-send"
        >
          {t('chatSend')}
        </button>
      </form>
    </Collapsible.Content>
  );
}
