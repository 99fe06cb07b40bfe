import { useState, type FormEvent } from 'react';
import type { ChatMessage } from '@haven/protocol';

interface ChatPanelProps {
  messages: readonly ChatMessage[];
  selfId: string | null;
  onSend: (text: string) => Promise<void>;
}

/** The group's text chat, folded away until opened. */
export function ChatPanel({ messages, selfId, onSend }: ChatPanelProps) {
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);

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
    <details className="chat">
      <summary data-testid="chat-toggle">
        Chat{messages.length > 0 ? ` (${messages.length})` : ''}
      </summary>
      <div
        className="chat__log"
        role="log"
        aria-live="polite"
        aria-label="Chat messages"
        data-testid="chat-log"
      >
        <ol>
          {messages.map((m) => (
            <li
              key={m.id}
              className={m.fromId === selfId ? 'chat__message chat__message--own' : 'chat__message'}
            >
              <span className="chat__from">{m.fromId === selfId ? 'You' : m.fromName}</span>
              <span className="chat__text">{m.text}</span>
            </li>
          ))}
        </ol>
      </div>
      <form className="chat__form" onSubmit={submit}>
        <label htmlFor="chat-input" className="visually-hidden">
          Message to the group
        </label>
        <input
          id="chat-input"
          data-testid="chat-input"
          value={draft}
          maxLength={1000}
          autoComplete="off"
          placeholder="Message to the group"
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" disabled={sending || !draft.trim()} data-testid="chat-send">
          Send
        </button>
      </form>
    </details>
  );
}
