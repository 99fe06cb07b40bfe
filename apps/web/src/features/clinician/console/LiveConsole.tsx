import { Tabs } from 'radix-ui';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PublicParticipant, WaitingEntry } from '@haven/protocol';
import type { CallClient } from '../../../call/CallClient';
import type { CallState } from '../../../call/types';
import { useT } from '../../../i18n';
import { AudioSinks } from '../../session/AudioSinks';
import { ChatPanel, ChatToggle, conversationOf } from '../../session/ChatPanel';
import { Controls } from '../../session/Controls';
import { NoticeList } from '../../session/NoticeList';
import { useLinkQuality } from '../../session/useLinkQuality';
import { VideoGrid, type Layout } from '../../session/VideoGrid';
import { ErrorBanner } from '../../staff/StaffLayout';
import { handQueue, orderQueue, others } from '../queue';
import { HandQueue } from './HandQueue';
import { consoleMessages } from './messages';
import { ParticipantList } from './ParticipantList';
import { LeaveDialog, SessionBar, StatusLine } from './SessionBar';
import { TextPromptDialog, type Prompt } from './TextPrompt';
import { CheckInDialog, type ShownCheckIn } from './CheckInAnswers';
import { afterMenu, useModeration, useNow } from './useConsole';
import { useFocusKeeper } from './focusKeeper';
import { WaitingQueue } from './WaitingQueue';

const quietly = (action: Promise<unknown>): void => void action.catch(() => undefined);

/** Tells screen readers, once, about each new arrival in the waiting room. */
function useArrivals(entries: readonly WaitingEntry[], announce: (text: string) => void): void {
  const t = useT(consoleMessages);
  const seen = useRef<Set<string> | null>(null);
  const say = useRef({ t, announce });
  say.current = { t, announce };
  useEffect(() => {
    const before = seen.current;
    seen.current = new Set(entries.map((e) => e.participantId));
    if (!before) return;
    const fresh = entries.filter((e) => !before.has(e.participantId));
    if (fresh.length === 0) return;
    const { t: tr, announce: out } = say.current;
    out(tr('arrived', { name: fresh.map((e) => e.displayName).join(', ') }));
  }, [entries]);
}

/** Chat messages that arrived while the chat was closed. */
function useUnread(count: number, open: boolean): number {
  const seen = useRef(count);
  if (open || count < seen.current) seen.current = count;
  return count - seen.current;
}

interface LiveConsoleProps {
  client: CallClient;
  state: CallState;
  title: string;
  onEnding: () => void;
}

/** The running session: the group on the left, the waiting room and the people on the right. */
export function LiveConsole({ client, state, title, onEnding }: LiveConsoleProps) {
  const t = useT(consoleMessages);
  const now = useNow(1000);
  const { act, ask, failure, clearFailure, busy } = useModeration(client);
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [shownCheckIn, setShownCheckIn] = useState<ShownCheckIn | null>(null);
  const [tab, setTab] = useState(() => (state.waitingQueue.length > 0 ? 'waiting' : 'people'));
  const [announcement, announce] = useState('');
  const [leaving, setLeaving] = useState(false);
  const [layout, setLayout] = useState<Layout>('grid');
  const [chatOpen, setChatOpen] = useState(false);
  const [speaker, setSpeaker] = useState<string | null>(null);
  const unread = useUnread(state.chat.length, chatOpen);
  const qualities = useLinkQuality(client, true);
  const queue = useMemo(() => orderQueue(state.waitingQueue), [state.waitingQueue]);
  const hands = useMemo(() => handQueue(state.roster), [state.roster]);
  const people = useMemo(() => others(state.roster, state.selfId), [state.roster, state.selfId]);
  useArrivals(queue, announce);
  const panel = useFocusKeeper();
  const { self, local, room } = state;
  const selfSpace = self.state === 'admitted' ? self.space : null;
  const partner =
    selfSpace && selfSpace !== 'main'
      ? state.roster.find((p) => p.space === selfSpace && p.id !== state.selfId)
      : undefined;

  const showCheckIn = (p: PublicParticipant) =>
    afterMenu(() => {
      void ask('mod:checkIn', { participantId: p.id }, `checkin:${p.id}`).then((answer) => {
        if (answer) setShownCheckIn({ name: p.displayName, checkIn: answer.checkIn });
      });
    });
  const askRemove = (p: PublicParticipant) =>
    afterMenu(() =>
      setPrompt({
        title: t('removeTitle', { name: p.displayName }),
        body: t('removeBody'),
        label: t('removeReason'),
        confirm: t('removeConfirm'),
        required: true,
        danger: true,
        testId: 'remove-dialog',
        onSubmit: (reason) => act('mod:remove', { participantId: p.id, reason }),
      }),
    );
  const askDeny = (e: WaitingEntry) =>
    setPrompt({
      title: t('denyTitle', { name: e.displayName }),
      body: t('denyBody'),
      label: t('denyMessage'),
      confirm: t('denyConfirm'),
      required: false,
      danger: true,
      testId: 'deny-dialog',
      onSubmit: (message) =>
        act('mod:deny', { participantId: e.participantId, ...(message ? { message } : {}) }),
    });
  const askMessage = (e: WaitingEntry) =>
    setPrompt({
      title: t('messageTitle', { name: e.displayName }),
      body: t('messageBody'),
      label: t('messageText'),
      confirm: t('messageConfirm'),
      required: true,
      testId: 'message-dialog',
      onSubmit: async (text) => {
        const ok = await act('mod:messageWaiting', { participantId: e.participantId, text });
        if (ok) announce(t('messageSent', { name: e.displayName }));
        return ok;
      },
    });

  const positions = new Map(hands.map((p, i) => [p.id, i + 1]));
  const error = state.lastError;
  return (
    <>
      <div className="console-head">
        <div className="console-head__title">
          <h1 id="console-title">{room?.title ?? title}</h1>
          <StatusLine state={state} />
        </div>
        <SessionBar
          state={state}
          act={act}
          busy={busy}
          layout={layout}
          onLayout={setLayout}
          onShareScreen={(on) => quietly(client.shareScreen(on))}
          onEnding={onEnding}
        />
      </div>
      {state.connection === 'reconnecting' && (
        <p className="staff-alert" role="status" data-testid="console-connection">
          {t('reconnecting')}
        </p>
      )}
      {failure && !prompt && <ErrorBanner code={failure} onDismiss={clearFailure} />}
      {error && (
        <ErrorBanner
          code={error.code}
          onDismiss={error.fatal ? undefined : () => client.clearError()}
          onRetry={error.fatal ? () => window.location.reload() : undefined}
        />
      )}
      {partner !== undefined || (selfSpace && selfSpace !== 'main') ? (
        <div className="private-banner" data-testid="private-banner">
          <p>
            {partner ? t('privateWith', { name: partner.displayName }) : t('privateWithUnknown')}
          </p>
          <button
            type="button"
            className="primary"
            onClick={() => void act('mod:return', {})}
            disabled={busy.has('mod:return')}
            data-testid="return-to-group"
          >
            {t('returnToGroup')}
          </button>
        </div>
      ) : null}
      <div className="console-body">
        <section className="console-stage" aria-labelledby="console-title">
          <NoticeList notices={state.notices} onDismiss={(id) => client.dismissNotice(id)} />
          <div className={chatOpen ? 'console-stage__body with-chat' : 'console-stage__body'}>
            <VideoGrid client={client} state={state} layout={layout} qualities={qualities} />
            {chatOpen && (
              <ChatPanel
                messages={state.chat}
                selfId={state.selfId}
                conversation={conversationOf(state)}
                onSend={(text) => client.sendChat(text)}
                onClose={() => setChatOpen(false)}
              />
            )}
          </div>
          <AudioSinks tracks={state.remoteTracks} sinkId={speaker} />
          <Controls
            micEnabled={local.micEnabled}
            cameraEnabled={local.cameraEnabled}
            micLocked={local.micLocked}
            cameraLocked={local.cameraLocked}
            canPublish
            onMic={(on) => quietly(client.setMicEnabled(on))}
            onCamera={(on) => quietly(client.setCameraEnabled(on))}
            devices={{
              onDevice: (source, deviceId) => client.setDevice(source, deviceId),
              local,
              sinkId: speaker,
              onSinkId: setSpeaker,
            }}
            audioOnly={{
              on: local.audioOnly,
              onToggle: (on) => quietly(client.setAudioOnly(on)),
            }}
            extra={
              <ChatToggle open={chatOpen} unread={unread} onToggle={() => setChatOpen(!chatOpen)} />
            }
            confirmLeave={false}
            waiting={false}
            onLeave={() => setLeaving(true)}
          />
        </section>
        <aside className="console-panel" aria-label={t('panel')} ref={panel}>
          <Tabs.Root value={tab} onValueChange={setTab}>
            <Tabs.List className="tabs" aria-label={t('panel')}>
              <Tabs.Trigger
                value="waiting"
                className={queue.length > 0 ? 'tab tab--attention' : 'tab'}
                data-testid="tab-waiting"
              >
                {t('tabWaiting', { count: queue.length })}
              </Tabs.Trigger>
              <Tabs.Trigger value="people" className="tab" data-testid="tab-people">
                {t('tabPeople', { count: people.length })}
              </Tabs.Trigger>
              <Tabs.Trigger value="hands" className="tab" data-testid="tab-hands">
                {t('tabHands', { count: hands.length })}
              </Tabs.Trigger>
            </Tabs.List>
            <Tabs.Content value="waiting" className="tab-panel">
              <WaitingQueue
                entries={queue}
                now={now}
                busy={busy}
                onAdmit={(e) =>
                  void act(
                    'mod:admit',
                    { participantId: e.participantId },
                    `admit:${e.participantId}`,
                  )
                }
                onAdmitAll={() => void act('mod:admitAll', {})}
                onMessage={askMessage}
                onDeny={askDeny}
              />
            </Tabs.Content>
            <Tabs.Content value="people" className="tab-panel">
              <ParticipantList
                people={people}
                ctx={{
                  selfSpace,
                  leadId: room?.leadId ?? null,
                  spotlightId: room?.spotlightId ?? null,
                  handPosition: (id) => positions.get(id) ?? null,
                  busy,
                  act,
                  onRemove: askRemove,
                  onCheckIn: showCheckIn,
                }}
              />
            </Tabs.Content>
            <Tabs.Content value="hands" className="tab-panel">
              <HandQueue hands={hands} busy={busy} act={act} />
            </Tabs.Content>
          </Tabs.Root>
        </aside>
      </div>
      <p className="visually-hidden" role="status" data-testid="console-announcement">
        {announcement}
      </p>
      <TextPromptDialog
        prompt={prompt}
        failure={prompt ? failure : null}
        onClose={() => {
          setPrompt(null);
          clearFailure();
        }}
      />
      <CheckInDialog shown={shownCheckIn} onClose={() => setShownCheckIn(null)} />
      <LeaveDialog
        open={leaving}
        alone={!people.some((p) => p.role !== 'patient' && p.connected)}
        onOpenChange={setLeaving}
        onLeave={() => quietly(client.leave())}
      />
    </>
  );
}
