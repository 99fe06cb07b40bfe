import { useId, useRef } from 'react';
import { useT } from '../../i18n';
import { sessionMessages } from './messages';

/**
 * "Leave" asks first: a slip of the finger on a phone would otherwise put a patient back
 * behind the waiting room's door. The browser's own modal <dialog> does the work (focus
 * moves in and back, Escape cancels, the page behind is inert) at no cost to the download.
 */
export function LeaveDialog({ waiting, onLeave }: { waiting: boolean; onLeave: () => void }) {
  const t = useT(sessionMessages);
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  return (
    <>
      <button
        type="button"
        className="danger"
        aria-haspopup="dialog"
        onClick={() => dialog.current?.showModal()}
        data-testid="leave-button"
      >
        {t('leave')}
      </button>
      <dialog
        ref={dialog}
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        data-testid="leave-dialog"
      >
        <h2 id={`${id}-title`} className="dialog__title">
          {t(waiting ? 'leaveWaitingTitle' : 'leaveSessionTitle')}
        </h2>
        <p id={`${id}-body`}>{t(waiting ? 'leaveWaitingBody' : 'leaveSessionBody')}</p>
        <form method="dialog" className="dialog__actions">
          <button type="submit" value="stay">
            {t('stay')}
          </button>
          <button
            type="submit"
            value="leave"
            className="danger"
            onClick={onLeave}
            data-testid="leave-confirm"
          >
            {t('leaveConfirm')}
          </button>
        </form>
      </dialog>
    </>
  );
}
