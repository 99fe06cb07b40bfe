import type { PublicParticipant } from '@haven/protocol';
import { useT } from '../../../i18n';
import { consoleMessages } from './messages';
import type { Act } from './useConsole';

/** Raised hands, first raised first, each with a button to lower it. */
export function HandQueue({
  hands,
  busy,
  act,
}: {
  hands: readonly PublicParticipant[];
  busy: ReadonlySet<string>;
  act: Act;
}) {
  const t = useT(consoleMessages);
  return (
    <section className="panel-section" aria-labelledby="hands-heading">
      <div className="panel-section__head">
        <h2 id="hands-heading" tabIndex={-1}>
          {t('handsTitle')}
        </h2>
      </div>
      {hands.length === 0 ? (
        <p className="hint">{t('handsEmpty')}</p>
      ) : (
        <p className="hint">{t('handsHint')}</p>
      )}
      <ol className="hand-list" data-testid="hand-list">
        {hands.map((p) => (
          <li key={p.id} className="person" data-testid="hand-entry" data-participant-id={p.id}>
            <span className="person__name">{p.displayName}</span>
            <button
              type="button"
              onClick={() => void act('mod:lowerHand', { participantId: p.id }, `hand:${p.id}`)}
              disabled={busy.has(`hand:${p.id}`)}
              aria-label={t('lowerHandNamed', { name: p.displayName })}
              data-testid="lower-hand"
            >
              {t('lowerHand')}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
