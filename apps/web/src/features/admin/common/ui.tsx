import type { ReactNode } from 'react';
import { useLocale, useT } from '../../../i18n';
import { errorMessage } from '../../../ui/errorMessages';
import { commonMessages } from './messages';
import { ADMIN_WORDING, codeKey, type Problem } from './problems';

/** A spinner with a spoken label, for anything that takes time. */
export function Loading({ label }: { label?: string }) {
  const t = useT(commonMessages);
  return (
    <div className="admin-loading" role="status">
      <span className="admin-spinner" aria-hidden="true" />
      <span>{label ?? t('loading')}</span>
    </div>
  );
}

/** Grey placeholder lines shaped like the table that is loading. */
export function Skeleton({ rows = 4, label }: { rows?: number; label?: string }) {
  const t = useT(commonMessages);
  return (
    <div className="admin-skeleton" role="status">
      <span className="visually-hidden">{label ?? t('loading')}</span>
      {Array.from({ length: rows }, (_, i) => (
        <span key={i} className="admin-skeleton__line" aria-hidden="true" />
      ))}
    </div>
  );
}

/** The sentence for a failed request, in the reader's language. */
export function useProblemText(): (problem: Problem) => string {
  const t = useT(commonMessages);
  const locale = useLocale();
  return (problem) => {
    if (problem.known) return t(problem.known);
    if (locale === 'en' && !ADMIN_WORDING.has(problem.code)) return errorMessage(problem.code);
    return t(codeKey(problem.code));
  };
}

interface ProblemNoticeProps {
  problem: Problem;
  /** Labels of the form's fields, to name the ones the server rejected. */
  fieldLabels?: Record<string, string>;
  onRetry?: () => void;
}

/** What went wrong, in plain language, with the fields to check and a way to retry. */
export function ProblemNotice({ problem, fieldLabels = {}, onRetry }: ProblemNoticeProps) {
  const t = useT(commonMessages);
  const text = useProblemText();
  const fields = Object.entries(problem.fields);
  return (
    <div
      className="admin-problem"
      role="alert"
      data-testid="admin-problem"
      data-code={problem.code}
    >
      <p className="admin-problem__lead">
        <strong>{t('error.title')}.</strong> {text(problem)}
      </p>
      {fields.length > 0 && (
        <>
          <p>{t('checkFields')}</p>
          <ul>
            {fields.map(([name, hint]) => (
              <li key={name}>
                <strong>{fieldLabels[name] ?? name}</strong>: {t(hint)}
              </li>
            ))}
          </ul>
        </>
      )}
      {problem.detail && (
        <p className="admin-problem__detail">
          {t('serverSaid')} <span lang="en">{problem.detail}</span>
        </p>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/** A wide table that scrolls sideways on a phone; the region is focusable for keyboards. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="admin-table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export function ActiveBadge({ active }: { active: boolean }) {
  const t = useT(commonMessages);
  return (
    <span className={active ? 'admin-badge admin-badge--ok' : 'admin-badge admin-badge--off'}>
      {active ? t('active') : t('inactive')}
    </span>
  );
}
