import type { ChatMessage, Space } from '@haven/protocol';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CallState } from '../../call/types';
import { translate, useLocale, useT, type Locale } from '../../i18n';
import { ChatIcon } from '../../ui/icons';
import { sessionMessages } from './messages';

const PANEL_ID = 'chat-panel';
/** The chat's button in the control bar: the only way to open the chat, one per page. */
const TOGGLE_ID = 'chat-toggle';

/**
 * Closes the chat from inside it. The focused close button goes with the panel, and the
 * focus would fall to the page's start: it goes back to the button that opened the chat.
 */
export function closeChat(
  onClose: () => void,
  root: Pick<Document, 'getElementById'> = document,
): void {
  root.getElementById(TOGGLE_ID)?.focus();
  onClose();
}

interface ChatToggleProps {
  open: boolean;
  unread: number;
  onToggle: () => void;
}

/** The chat's button for the control bar; shows how many messages came since it was last open. */
export function ChatToggle({ open, unread, onToggle }: ChatToggleProps) {
  const t = useT(sessionMessages);
  return (
    <button
      type="button"
      id={TOGGLE_ID}
      className={open ? 'toggle toggle--active' : 'toggle'}
      aria-expanded={open}
      aria-controls={open ? PANEL_ID : undefined}
      onClick={onToggle}
      data-testid="chat-toggle"
    >
      <ChatIcon />
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
    </button>
  );
}

/** Whose chat the panel holds: the group's, or a private conversation's (a step-out). */
export interface ChatConversation {
  space: Space;
  /** The other person of a private conversation, while they are there. */
  partner: string | null;
}

const GROUP: ChatConversation = { space: 'main', partner: null };

/** The conversation this person's chat belongs to: the space they are in now. */
export function conversationOf(state: CallState): ChatConversation {
  if (state.self.state !== 'admitted' || state.self.space === 'main') return GROUP;
  const { space } = state.self;
  const partner = state.roster.find((p) => p.space === space && p.id !== state.selfId);
  return { space, partner: partner?.displayName ?? null };
}

/** The panel's title, the input's label and the empty log's hint, said for the space. */
export function chatTexts({ space, partner }: ChatConversation, locale: Locale) {
  const t = (key: keyof typeof sessionMessages.en, name?: string) =>
    translate(sessionMessages, locale, key, name === undefined ? undefined : { name });
  if (space === 'main')
    return { title: t('chatGroupTitle'), input: t('chatInput'), empty: t('chatEmpty') };
  if (partner === null)
    return {
      title: t('chatPrivateTitleUnknown'),
      input: t('chatPrivateInputUnknown'),
      empty: t('chatPrivateEmptyUnknown'),
    };
  return {
    title: t('chatPrivateTitle', partner),
    input: t('chatPrivateInput', partner),
    empty: t('chatPrivateEmpty', partner),
  };
}

interface ChatFormProps {
  label: string;
  onSend: (text: string) => Promise<void>;
}

/** The input and its send button; a draft stays with the conversation it was typed for. */
function ChatForm({ label, onSend }: ChatFormProps) {
  const t = useT(sessionMessages);
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
    <form className="chat__form" onSubmit={submit}>
      <label htmlFor="chat-input" className="visually-hidden">
        {label}
      </label>
      <input
        id="chat-input"
        data-testid="chat-input"
        value={draft}
        maxLength={1000}
        autoComplete="off"
        placeholder={label}
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
  );
}

interface ChatPanelProps {
  messages: readonly ChatMessage[];
  selfId: string | null;
  /** The space the messages belong to; the group's when not given. */
  conversation?: ChatConversation;
  onSend: (text: string) => Promise<void>;
  onClose: () => void;
}

/** The text chat of this person's space (the group, or a private conversation); shown while open. */
export function ChatPanel({
  messages,
  selfId,
  conversation = GROUP,
  onSend,
  onClose,
}: ChatPanelProps) {
  const t = useT(sessionMessages);
  const texts = chatTexts(conversation, useLocale());
  const log = useRef<HTMLDivElement>(null);

  // Opened, the chat takes the focus: the browser shows it, on a phone too, and a screen
  // reader or a keyboard is where the message will be typed.
  useEffect(() => document.getElementById('chat-input')?.focus(), []);

  useEffect(() => {
    const element = log.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [messages.length]);

  return (
    <div
      className="chat"
      id={PANEL_ID}
      data-testid="chat-panel"
      data-space={conversation.space === 'main' ? 'group' : 'private'}
    >
      <div className="chat__header">
        <h2 id="chat-title">{texts.title}</h2>
        <button
          type="button"
          className="quiet"
          aria-label={t('chatClose')}
          onClick={() => closeChat(onClose)}
        >
          <span aria-hidden="true">×</span>
        </button>
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
          <p className="hint">{texts.empty}</p>
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
      {/* A new form for each space: a draft typed in private never goes to the group. */}
      <ChatForm key={conversation.space} label={texts.input} onSend={onSend} />
    </div>
  );
}
