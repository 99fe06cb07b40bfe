import { AlertDialog, Toggle } from 'radix-ui';
import { useState } from 'react';
import type { CallState } from '../../../call/types';
import type { Layout } from '../../session/VideoGrid';
import { useLocale, useT } from '../../../i18n';
import { timeOfDay } from '../today';
import { consoleMessages } from './messages';
import type { Act } from './useConsole';

/** Where the session stands: running or not, on hold, locked, and who leads. */
export function StatusLine({ state }: { state: CallState }) {
  const t = useT(consoleMessages);
  const locale = useLocale();
  const room = state.room;
  if (!room) return null;
  const items: { key: string; text: string; tone?: 'warn' }[] = [];
  if (room.phase === 'onHold')
    items.push({
      key: 'phase',
      text: t('statusOnHold', { time: room.holdUntil ? timeOfDay(room.holdUntil, locale) : '' }),
      tone: 'warn',
    });
  else if (room.phase === 'live' || state.roster.some((p) => p.role === 'patient'))
    // A session goes live with its first admission; the roster shows it even before the
    // room's own phase is announced again.
    items.push({ key: 'phase', text: t('statusLive') });
  else if (room.phase === 'open') items.push({ key: 'phase', text: t('statusOpen') });
  if (room.locked) items.push({ key: 'locked', text: t('statusLocked'), tone: 'warn' });
  if (room.e2ee) items.push({ key: 'e2ee', text: t('statusE2ee') });
  if (state.local.screen) items.push({ key: 'screen', text: t('sharing') });
  if (room.leadId && room.leadId === state.selfId) items.push({ key: 'lead', text: t('youLead') });
  else if (room.leadId) {
    const lead = state.roster.find((p) => p.id === room.leadId);
    if (lead) items.push({ key: 'lead', text: t('ledBy', { name: lead.displayName }) });
  }
  return (
    <ul
      className="flags flags--status"
      aria-label={t('sessionStatus')}
      data-testid="session-status"
    >
      {items.map((i) => (
        <li key={i.key} className={i.tone ? `flag flag--${i.tone}` : 'flag'}>
          {i.text}
        </li>
      ))}
    </ul>
  );
}

interface SessionBarProps {
  state: CallState;
  act: Act;
  busy: ReadonlySet<string>;
  layout: Layout;
  onLayout: (layout: Layout) => void;
  onShareScreen: (on: boolean) => void;
  /** The clinician confirmed: the page moves to the roster once the session has ended. */
  onEnding: () => void;
}

/** The session-wide controls: late arrivals, screen sharing, spotlight, and ending. */
export function SessionBar(props: SessionBarProps) {
  const { state, act, busy, onShareScreen, onEnding } = props;
  const t = useT(consoleMessages);
  const [confirming, setConfirming] = useState(false);
  const room = state.room;
  const sharing = state.local.screen !== null;
  const end = async () => {
    onEnding();
    // The server ends the session (and closes this connection) as it answers.
    if (!(await act('mod:end', {}))) setConfirming(false);
  };
  return (
    <div className="session-bar" role="group" aria-label={t('toolbar')}>
      <Toggle.Root
        className="toggle-button"
        pressed={room?.locked ?? false}
        disabled={!room || busy.has('mod:lock')}
        onPressedChange={(locked) => void act('mod:lock', { locked })}
        data-testid="lock-toggle"
      >
        {t('lock')}
      </Toggle.Root>
      <Toggle.Root
        className="toggle-button"
        pressed={sharing}
        onPressedChange={onShareScreen}
        data-testid="share-screen"
      >
        {t('shareScreen')}
      </Toggle.Root>
      <Toggle.Root
        className="toggle-button"
        pressed={props.layout === 'speaker'}
        onPressedChange={(on) => props.onLayout(on ? 'speaker' : 'grid')}
        data-testid="layout-toggle"
      >
        {t('speakerView')}
      </Toggle.Root>
      {room?.spotlightId && (
        <button
          type="button"
          onClick={() => void act('mod:spotlight', { participantId: null })}
          data-testid="clear-spotlight"
        >
          {t('clearSpotlight')}
        </button>
      )}
      <AlertDialog.Root open={confirming} onOpenChange={setConfirming}>
        <AlertDialog.Trigger asChild>
          <button type="button" className="danger" data-testid="end-session">
            {t('end')}
          </button>
        </AlertDialog.Trigger>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="staff-dialog__overlay" />
          <AlertDialog.Content className="staff-dialog" data-testid="end-dialog">
            <AlertDialog.Title>{t('endTitle')}</AlertDialog.Title>
            <AlertDialog.Description>{t('endBody')}</AlertDialog.Description>
            <div className="staff-dialog__actions">
              <AlertDialog.Cancel asChild>
                <button type="button">{t('cancel')}</button>
              </AlertDialog.Cancel>
              <AlertDialog.Action asChild>
                <button
                  type="button"
                  className="danger"
                  disabled={busy.has('mod:end')}
                  onClick={(event) => {
                    // Stay open until the server has ended the session.
                    event.preventDefault();
                    void end();
                  }}
                  data-testid="end-confirm"
                >
                  {busy.has('mod:end') ? t('ending') : t('endConfirm')}
                </button>
              </AlertDialog.Action>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </div>
  );
}

/** Leaving (not ending): the session goes on, led by another clinician or on hold. */
export function LeaveDialog(props: {
  open: boolean;
  /** No other clinician is connected: leaving puts the session on hold. */
  alone: boolean;
  onOpenChange: (open: boolean) => void;
  onLeave: () => void;
}) {
  const t = useT(consoleMessages);
  return (
    <AlertDialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="staff-dialog__overlay" />
        <AlertDialog.Content className="staff-dialog" data-testid="leave-console-dialog">
          <AlertDialog.Title>{t('leaveTitle')}</AlertDialog.Title>
          <AlertDialog.Description>
            {props.alone ? t('leaveAlone') : t('leaveHandover')}
          </AlertDialog.Description>
          <div className="staff-dialog__actions">
            <AlertDialog.Cancel asChild>
              <button type="button">{t('stay')}</button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <button type="button" className="danger" onClick={props.onLeave}>
                {t('leaveConfirm')}
              </button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
