import type { ReactNode } from 'react';
import type { CallClient } from '../../call/CallClient';
import type { CallState } from '../../call/types';
import { AudioSinks } from './AudioSinks';
import { ChatPanel } from './ChatPanel';
import { quietly } from './useCall';
import { VideoGrid } from './VideoGrid';

function StatusLine({ state }: { state: CallState }) {
  const { room, self } = state;
  const items: string[] = [];
  if (self.state === 'admitted' && self.space !== 'main') items.push('Private conversation');
  if (room?.phase === 'onHold') items.push('On hold');
  if (room?.locked) items.push('Closed to late arrivals');
  if (items.length === 0) return null;
  return (
    <ul className="status-line" aria-label="Session status">
      {items.map((item) => (
        <li key={item} className="badge">
          {item}
        </li>
      ))}
    </ul>
  );
}

/** The session once admitted: everyone's tiles, the sound, the controls and the chat. */
export function SessionView(props: { client: CallClient; state: CallState; controls: ReactNode }) {
  const { client, state } = props;
  return (
    <section className="session" data-testid="session-view" aria-labelledby="session-title">
      <header className="session__header">
        <h1 id="session-title">{state.room?.title ?? 'Session'}</h1>
        <StatusLine state={state} />
      </header>
      <VideoGrid client={client} state={state} />
      <AudioSinks tracks={state.remoteTracks} />
      {props.controls}
      <ChatPanel
        messages={state.chat}
        selfId={state.selfId}
        onSend={(text) => client.sendChat(text)}
      />
    </section>
  );
}

export const toggleHand = (client: CallClient, raised: boolean): void =>
  quietly(raised ? client.raiseHand() : client.lowerHand());
