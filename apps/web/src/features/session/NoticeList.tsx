import type { NoticeEntry } from '../../call/types';
import { noticeText } from './texts';

/** Messages about what a clinician did; announced politely, each dismissible. */
export function NoticeList({
  notices,
  onDismiss,
}: {
  notices: readonly NoticeEntry[];
  onDismiss: (id: number) => void;
}) {
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className="notice" data-testid="notice" data-kind={n.notice.kind}>
          <p>{noticeText(n.notice)}</p>
          <button type="button" className="quiet" onClick={() => onDismiss(n.id)}>
            <span className="visually-hidden">Dismiss message</span>
            <span aria-hidden="true">×</span>
          </button>
        </div>
      ))}
    </div>
  );
}
