import { clearToAdmitAll, type WaitingEntry } from '@haven/protocol';
import { useT } from '../../../i18n';
import { WARNINGS, concerns, formatWait, isLongWait, type Concern } from '../queue';
import { CheckInAnswers } from './CheckInAnswers';
import { consoleMessages } from './messages';

const CONCERN_KEY = {
  offline: 'flagOffline',
  noCheckIn: 'flagNoCheckIn',
  notPrivate: 'flagNotPrivate',
  notHome: 'flagNotHome',
  late: 'flagLate',
  returned: 'flagReturned',
} as const satisfies Record<Concern, string>;

interface WaitingQueueProps {
  entries: readonly WaitingEntry[];
  now: number;
  busy: ReadonlySet<string>;
  onAdmit: (entry: WaitingEntry) => void;
  onAdmitAll: () => void;
  onMessage: (entry: WaitingEntry) => void;
  onDeny: (entry: WaitingEntry) => void;
}

/** The waiting room as the clinician sees it: who, how long, their check-in, and what to do. */
export function WaitingQueue(props: WaitingQueueProps) {
  const t = useT(consoleMessages);
  const { entries, now, busy } = props;
  const ready = entries.filter(clearToAdmitAll).length;
  const held = entries.length - ready;
  return (
    <section className="panel-section" aria-labelledby="waiting-heading">
      <div className="panel-section__head">
        <h2 id="waiting-heading" tabIndex={-1}>
          {t('waitingTitle')}
        </h2>
        {ready > 1 && (
          <button
            type="button"
            className="primary"
            onClick={props.onAdmitAll}
            disabled={busy.has('mod:admitAll')}
            data-testid="admit-all"
          >
            {t('admitAll', { count: ready })}
          </button>
        )}
      </div>
      {ready > 1 && held > 0 && (
        <p className="hint" data-testid="admit-all-held">
          {t('admitAllHeld', { count: held })}
        </p>
      )}
      {entries.length === 0 && <p className="hint">{t('waitingEmpty')}</p>}
      <ol className="waiting-list" data-testid="waiting-list">
        {entries.map((entry) => {
          const waited = now - entry.waitingSince;
          const flags = concerns(entry);
          const name = entry.displayName;
          return (
            <li
              key={entry.participantId}
              className="waiting-entry"
              data-testid="waiting-entry"
              data-participant-id={entry.participantId}
            >
              <div className="waiting-entry__head">
                <h3>{name}</h3>
                <span className={isLongWait(waited) ? 'wait wait--long' : 'wait'}>
                  {t('waitedFor', { time: formatWait(waited) })}
                </span>
              </div>
              {flags.length > 0 && (
                <ul className="flags">
                  {flags.map((f) => (
                    <li key={f} className={WARNINGS.has(f) ? 'flag flag--warn' : 'flag'}>
                      {t(CONCERN_KEY[f])}
                    </li>
                  ))}
                </ul>
              )}
              <CheckInAnswers entry={entry} />
              <div className="row-actions">
                <button
                  type="button"
                  className="primary"
                  onClick={() => props.onAdmit(entry)}
                  disabled={!entry.connected || busy.has(`admit:${entry.participantId}`)}
                  aria-label={t('admitNamed', { name })}
                  data-testid="admit"
                >
                  {t('admit')}
                </button>
                <button
                  type="button"
                  onClick={() => props.onMessage(entry)}
                  aria-label={t('messageNamed', { name })}
                  data-testid="message-waiting"
                >
                  {t('message')}
                </button>
                <button
                  type="button"
                  onClick={() => props.onDeny(entry)}
                  aria-label={t('denyNamed', { name })}
                  data-testid="deny"
                >
                  {t('deny')}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
