import { useEffect, useRef, useState } from 'react';
import type { CallClient } from '../../call/CallClient';
import type { CallState } from '../../call/types';
import { useT } from '../../i18n';
import { useFocusOnMount } from './useFocusOnMount';
import { AudioSinks } from './AudioSinks';
import { ChatPanel, ChatToggle, conversationOf } from './ChatPanel';
import { Controls, type ControlsProps } from './Controls';
import { sessionMessages } from './messages';
import { useLinkQuality } from './useLinkQuality';
import { quietly } from './useCall';
import { VideoGrid, type Layout } from './VideoGrid';

function StatusLine({ state }: { state: CallState }) {
  const t = useT(sessionMessages);
  const { room, self } = state;
  const items: string[] = [];
  if (self.state === 'admitted' && self.space !== 'main') items.push(t('privateConversation'));
  if (room?.phase === 'onHold') items.push(t('onHold'));
  if (room?.locked) items.push(t('locked'));
  if (room?.e2ee) items.push(t('e2ee'));
  if (items.length === 0) return null;
  return (
    <ul className="status-line" aria-label={t('statusLine')}>
      {items.map((item) => (
        <li key={item} className="badge">
          {item}
        </li>
      ))}
    </ul>
  );
}

const LAYOUTS = { grid: 'grid', speaker: 'speakerView' } as const;

/** Grid or speaker view: two native toggle buttons, the pressed one is the current layout. */
function LayoutSwitch({ value, onChange }: { value: Layout; onChange: (layout: Layout) => void }) {
  const t = useT(sessionMessages);
  return (
    <div className="segmented" role="group" aria-label={t('layout')} data-testid="layout-switch">
      {(Object.keys(LAYOUTS) as Layout[]).map((layout) => (
        <button
          key={layout}
          type="button"
          className="segmented__item"
          aria-pressed={value === layout}
          data-state={value === layout ? 'on' : 'off'}
          onClick={() => onChange(layout)}
        >
          {t(LAYOUTS[layout])}
        </button>
      ))}
    </div>
  );
}

/** Counts the chat messages that arrived while the chat was closed. */
function useUnread(count: number, open: boolean): number {
  const seen = useRef(count);
  if (open || count < seen.current) seen.current = count;
  return count - seen.current;
}

export interface SessionViewProps {
  client: CallClient;
  state: CallState;
  controls: Omit<ControlsProps, 'extra' | 'hand' | 'audioOnly' | 'waiting'>;
  sinkId: string | null;
}

/** The session once admitted: everyone's tiles, the sound, the controls and the chat. */
export function SessionView({ client, state, controls, sinkId }: SessionViewProps) {
  const t = useT(sessionMessages);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [layout, setLayout] = useState<Layout>('grid');
  const [chatOpen, setChatOpen] = useState(false);
  const [weakDismissed, setWeakDismissed] = useState(false);
  const qualities = useLinkQuality(client, true);
  const unread = useUnread(state.chat.length, chatOpen);
  const { local } = state;
  const weak = qualities.uplink === 'poor' && !local.audioOnly && !weakDismissed;

  // A screen shared by the clinician is easier to follow large.
  const sharing = state.participants.some((p) => p.tracks.screen);
  useEffect(() => {
    if (sharing) setLayout('speaker');
  }, [sharing]);

  const audioOnly = {
    on: local.audioOnly,
    onToggle: (on: boolean) => quietly(client.setAudioOnly(on)),
  };
  return (
    <section
      className={chatOpen ? 'session session--chat' : 'session'}
      data-testid="session-view"
      aria-labelledby="session-title"
    >
      <header className="session__header">
        <h1 id="session-title" ref={heading} tabIndex={-1}>
          {state.room?.title ?? t('sessionTitle')}
        </h1>
        <StatusLine state={state} />
        <LayoutSwitch value={layout} onChange={setLayout} />
      </header>
      {weak && (
        <div className="callout callout--warn session__hint" role="status" data-testid="weak-link">
          <p>{t('weakLink')}</p>
          <button type="button" className="primary" onClick={() => audioOnly.onToggle(true)}>
            {t('useAudioOnly')}
          </button>
          <button type="button" onClick={() => setWeakDismissed(true)}>
            {t('notNow')}
          </button>
        </div>
      )}
      <div className="session__body">
        <VideoGrid client={client} state={state} layout={layout} qualities={qualities} />
        {chatOpen && (
          <ChatPanel
            messages={state.chat}
            conversation={conversationOf(state)}
            selfId={state.selfId}
            onSend={(text) => client.sendChat(text)}
            onClose={() => setChatOpen(false)}
          />
        )}
      </div>
      <AudioSinks tracks={state.remoteTracks} sinkId={sinkId} />
      <Controls
        {...controls}
        waiting={false}
        audioOnly={audioOnly}
        hand={{
          raised: state.handRaised,
          onToggle: (raised) => quietly(raised ? client.raiseHand() : client.lowerHand()),
        }}
        extra={
          <ChatToggle open={chatOpen} unread={unread} onToggle={() => setChatOpen(!chatOpen)} />
        }
      />
    </section>
  );
}
