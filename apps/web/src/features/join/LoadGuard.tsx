import { useT } from '../../i18n';
import { Message } from './Message';
import { joinMessages } from './messages';

const reloadPage = () => window.location.reload();

/**
 * The call's code did not arrive (network gone). A lazy component that failed to load
 * stays failed for the life of the page, so only a reload can try again; the invitation
 * kept for this tab brings the patient back to the device check.
 */
export function LoadFailed({ onReload = reloadPage }: { onReload?: () => void }) {
  const t = useT(joinMessages);
  return (
    <Message
      testId="join-load-failed"
      title={t('loadFailedTitle')}
      body={t('loadFailed')}
      action={
        <button type="button" className="primary" onClick={onReload} data-testid="join-reload">
          {t('reload')}
        </button>
      }
    />
  );
}
