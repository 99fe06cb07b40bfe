import type { NoticeEntry } from '../../call/types';
import { useLocale, useT } from '../../i18n';
import { sessionMessages } from './messages';
import { noticeText } from './texts';

/** Messages about what a clinician did; announced politely, each dismissible. */
export function NoticeList({
  notices,
  onDismiss,
}: {
  notices: readonly NoticeEntry[];
  onDismiss: (id: number) => void;
}) {
  const t = useT(sessionMessages);
  const locale = useLocale();
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className="notice" data-testid="notice" data-kind={n.notice.kind}>
          <p>{noticeText(n.notice, locale)}</p>
          <button
            type="button"
            className="quiet"
            onClick={() => onDismiss(n.id)}
            aria-label={t('dismissMessage')}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
      ))}
    </div>
  );
}
