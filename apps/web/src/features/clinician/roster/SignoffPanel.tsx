import { AlertDialog } from 'radix-ui';
import { useId, useState } from 'react';
import { useLocale, useT } from '../../../i18n';
import { codeOf } from '../../staff/errors';
import { staffApi } from '../../staff/http';
import { ErrorBanner } from '../../staff/StaffLayout';
import { signoffState } from '../roster';
import { dateTime } from '../today';
import type { Roster } from '../types';
import { rosterMessages } from './messages';

/** Who signed the roster, and the sign-off itself once the session has ended. */
export function SignoffPanel({
  roster,
  userId,
  onSigned,
}: {
  roster: Roster;
  userId: string;
  onSigned: () => void;
}) {
  const t = useT(rosterMessages);
  const locale = useLocale();
  const noteId = useId();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const state = signoffState(roster, userId);
  const tz = roster.program.timeZone;
  const when = (at: number) => dateTime(at, locale, tz);

  const sign = () => {
    setBusy(true);
    setFailure(null);
    const body = note.trim() ? { note: note.trim() } : {};
    staffApi(`/api/attendance/sessions/${encodeURIComponent(roster.session.id)}/signoff`, { body })
      .then(() => {
        setNote('');
        onSigned();
      })
      .catch((error: unknown) => setFailure(codeOf(error)))
      .finally(() => {
        setBusy(false);
        setOpen(false);
      });
  };

  const canSign = state.kind === 'ready' || state.kind === 'changedSinceSigned';
  return (
    <section className="card signoff" aria-labelledby="signoff-heading" data-testid="signoff">
      <h2 id="signoff-heading">{t('signoffTitle')}</h2>
      <div data-testid="signoff-state" data-state={state.kind}>
        {state.kind === 'notEnded' && <p>{t('notEnded')}</p>}
        {state.kind === 'signed' && (
          <p>{t('signedByYou', { time: when(state.signoff.signedAt) })}</p>
        )}
        {state.kind === 'changedSinceSigned' && (
          <p className="flag flag--warn">{t('changedSince')}</p>
        )}
      </div>
      <h3>{t('signoffsList')}</h3>
      {roster.signoffs.length === 0 ? (
        <p className="hint">{t('noSignoffs')}</p>
      ) : (
        <ul className="signoff-list" data-testid="signoff-list">
          {roster.signoffs.map((s) => (
            <li key={s.id}>
              {t('signedBy', {
                name: roster.staffNames[s.signedBy] ?? '—',
                time: when(s.signedAt),
              })}
              {s.note && <q className="signoff-note">{s.note}</q>}
            </li>
          ))}
        </ul>
      )}
      {failure && <ErrorBanner code={failure} onDismiss={() => setFailure(null)} />}
      {canSign && (
        <div className="staff-form">
          <p>{t('signoffIntro')}</p>
          <label htmlFor={noteId}>{t('noteLabel')}</label>
          <textarea
            id={noteId}
            value={note}
            maxLength={1000}
            onChange={(event) => setNote(event.target.value)}
            data-testid="signoff-note"
          />
          <AlertDialog.Root open={open} onOpenChange={setOpen}>
            <AlertDialog.Trigger asChild>
              <button type="button" className="primary" data-testid="signoff-open">
                {state.kind === 'changedSinceSigned' ? t('signAgain') : t('signoff')}
              </button>
            </AlertDialog.Trigger>
            <AlertDialog.Portal>
              <AlertDialog.Overlay className="staff-dialog__overlay" />
              <AlertDialog.Content className="staff-dialog" data-testid="signoff-dialog">
                <AlertDialog.Title>{t('confirmTitle')}</AlertDialog.Title>
                <AlertDialog.Description>
                  {t('signoffIntro')} {t('confirmBody')}
                </AlertDialog.Description>
                <div className="staff-dialog__actions">
                  <AlertDialog.Cancel asChild>
                    <button type="button">{t('cancel')}</button>
                  </AlertDialog.Cancel>
                  <AlertDialog.Action asChild>
                    <button
                      type="button"
                      className="primary"
                      disabled={busy}
                      onClick={(event) => {
                        event.preventDefault();
                        sign();
                      }}
                      data-testid="signoff-confirm"
                    >
                      {busy ? t('signing') : t('confirm')}
                    </button>
                  </AlertDialog.Action>
                </div>
              </AlertDialog.Content>
            </AlertDialog.Portal>
          </AlertDialog.Root>
        </div>
      )}
    </section>
  );
}
