import { DropdownMenu } from 'radix-ui';
import type { PublicParticipant, Space } from '@haven/protocol';
import { useT } from '../../../i18n';
import { isStaffRole, micState } from '../queue';
import { consoleMessages } from './messages';
import type { Act } from './useConsole';

export interface ParticipantContext {
  selfSpace: Space | null;
  leadId: string | null;
  spotlightId: string | null;
  /** Position in the raised-hand queue, from 1. */
  handPosition: (id: string) => number | null;
  busy: ReadonlySet<string>;
  act: Act;
  onRemove: (p: PublicParticipant) => void;
  /** Shows the patient's check-in answers (where they are, whom to call). */
  onCheckIn: (p: PublicParticipant) => void;
}

function Item({
  onSelect,
  danger,
  children,
  testId,
}: {
  onSelect: () => void;
  danger?: boolean;
  children: string;
  testId: string;
}) {
  return (
    <DropdownMenu.Item
      className={danger ? 'staff-menu__item staff-menu__item--danger' : 'staff-menu__item'}
      onSelect={onSelect}
      data-testid={testId}
    >
      {children}
    </DropdownMenu.Item>
  );
}

/** Every control on one person, two clicks away: open the menu, choose. */
function ParticipantMenu({ p, ctx }: { p: PublicParticipant; ctx: ParticipantContext }) {
  const t = useT(consoleMessages);
  const { act } = ctx;
  const id = p.id;
  const patient = !isStaffRole(p);
  const bothInGroup = ctx.selfSpace === 'main' && p.space === 'main';
  const privateWithMe =
    ctx.selfSpace !== null && ctx.selfSpace !== 'main' && p.space === ctx.selfSpace;
  const spotlit = ctx.spotlightId === id;
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button
          type="button"
          aria-label={t('actionsFor', { name: p.displayName })}
          data-testid="participant-menu"
        >
          {t('actions')} <span aria-hidden="true">▾</span>
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="staff-menu" align="end" sideOffset={4}>
          <DropdownMenu.Label className="staff-menu__label">{p.displayName}</DropdownMenu.Label>
          <Item
            testId="menu-mute"
            onSelect={() => void act('mod:mute', { participantId: id, kind: 'audio', lock: false })}
          >
            {t('muteMic')}
          </Item>
          <Item
            testId="menu-mute-lock"
            onSelect={() => void act('mod:mute', { participantId: id, kind: 'audio', lock: true })}
          >
            {t('muteLock')}
          </Item>
          <Item
            testId="menu-camera"
            onSelect={() => void act('mod:mute', { participantId: id, kind: 'video', lock: false })}
          >
            {t('stopCamera')}
          </Item>
          {p.micLocked && (
            <Item
              testId="menu-unlock"
              onSelect={() => void act('mod:unlockMic', { participantId: id })}
            >
              {t('unlock')}
            </Item>
          )}
          {p.handRaisedAt !== null && (
            <Item
              testId="menu-lower-hand"
              onSelect={() => void act('mod:lowerHand', { participantId: id })}
            >
              {t('lowerHand')}
            </Item>
          )}
          <Item
            testId="menu-spotlight"
            onSelect={() => void act('mod:spotlight', { participantId: spotlit ? null : id })}
          >
            {spotlit ? t('unspotlight') : t('spotlight')}
          </Item>
          {patient && (
            <>
              <DropdownMenu.Separator className="staff-menu__separator" />
              <Item testId="menu-checkin" onSelect={() => ctx.onCheckIn(p)}>
                {t('showCheckIn')}
              </Item>
              {bothInGroup && (
                <Item
                  testId="menu-step-out"
                  onSelect={() => void act('mod:stepOut', { participantId: id })}
                >
                  {t('stepOut')}
                </Item>
              )}
              {privateWithMe && (
                <Item testId="menu-return" onSelect={() => void act('mod:return', {})}>
                  {t('returnToGroup')}
                </Item>
              )}
              <Item
                testId="menu-to-waiting"
                onSelect={() => void act('mod:sendToWaiting', { participantId: id })}
              >
                {t('toWaiting')}
              </Item>
              <Item testId="menu-remove" danger onSelect={() => ctx.onRemove(p)}>
                {t('remove')}
              </Item>
            </>
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

function Row({ p, ctx }: { p: PublicParticipant; ctx: ParticipantContext }) {
  const t = useT(consoleMessages);
  const sameSpace = p.space === ctx.selfSpace;
  const mic = micState(p, sameSpace);
  const hand = ctx.handPosition(p.id);
  const badges: { key: string; text: string; tone?: 'warn' | 'off' | 'hand' }[] = [];
  if (p.id === ctx.leadId) badges.push({ key: 'lead', text: t('lead') });
  else if (isStaffRole(p)) badges.push({ key: 'role', text: t('clinician') });
  if (p.space !== 'main')
    badges.push({
      key: 'space',
      text: sameSpace ? t('privateWithYou') : t('inPrivate'),
      tone: 'warn',
    });
  if (hand !== null) badges.push({ key: 'hand', text: t('handNumber', { n: hand }), tone: 'hand' });
  if (p.micLocked) badges.push({ key: 'mic', text: t('micLocked'), tone: 'off' });
  else if (mic === 'off') badges.push({ key: 'mic', text: t('micOff'), tone: 'off' });
  if (ctx.spotlightId === p.id) badges.push({ key: 'spot', text: t('spotlighted') });
  if (!p.connected) badges.push({ key: 'away', text: t('away'), tone: 'warn' });
  return (
    <li className="person" data-testid="participant-row" data-participant-id={p.id}>
      <div className="person__who">
        <span className="person__name">{p.displayName}</span>
        {badges.length > 0 && (
          <ul className="flags">
            {badges.map((b) => (
              <li key={b.key} className={b.tone ? `flag flag--${b.tone}` : 'flag'}>
                {b.text}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="row-actions">
        {mic === 'on' && (
          <button
            type="button"
            onClick={() =>
              void ctx.act(
                'mod:mute',
                { participantId: p.id, kind: 'audio', lock: false },
                `mute:${p.id}`,
              )
            }
            disabled={ctx.busy.has(`mute:${p.id}`)}
            aria-label={t('muteNamed', { name: p.displayName })}
            data-testid="quick-mute"
          >
            {t('mute')}
          </button>
        )}
        <ParticipantMenu p={p} ctx={ctx} />
      </div>
    </li>
  );
}

/** Everyone else in the session, each with one-click mute and a menu of every other control. */
export function ParticipantList({
  people,
  ctx,
}: {
  people: readonly PublicParticipant[];
  ctx: ParticipantContext;
}) {
  const t = useT(consoleMessages);
  return (
    <section className="panel-section" aria-labelledby="people-heading">
      <div className="panel-section__head">
        <h2 id="people-heading" tabIndex={-1}>
          {t('peopleTitle')}
        </h2>
      </div>
      {people.length === 0 && <p className="hint">{t('peopleEmpty')}</p>}
      <ul className="people-list" data-testid="participant-list">
        {people.map((p) => (
          <Row key={p.id} p={p} ctx={ctx} />
        ))}
      </ul>
    </section>
  );
}
