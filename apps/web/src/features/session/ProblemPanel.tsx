import type { ErrorInfo } from '../../call/errors';
import { useLocale, useT } from '../../i18n';
import { errorMessage } from '../../ui/errorMessages';
import { sessionMessages } from './messages';

interface ProblemPanelProps {
  error: Pick<ErrorInfo, 'code' | 'fatal'>;
  onDismiss?: () => void;
  /** Offered for a fatal error that another attempt may fix. */
  onRetry?: () => void;
}

/** A plain-language account of what went wrong and what to do about it, in the page's language. */
export function ProblemPanel({ error, onDismiss, onRetry }: ProblemPanelProps) {
  const t = useT(sessionMessages);
  const locale = useLocale();
  return (
    <div
      className={error.fatal ? 'error-panel error-panel--fatal' : 'error-panel'}
      role="alert"
      data-testid="error-panel"
      data-error-code={error.code}
    >
      <p>{errorMessage(error.code, locale)}</p>
      <div className="error-panel__actions">
        {error.fatal && onRetry && (
          <button type="button" onClick={onRetry}>
            {t('tryAgain')}
          </button>
        )}
        {!error.fatal && onDismiss && (
          <button type="button" onClick={onDismiss} data-testid="error-dismiss">
            {t('dismiss')}
          </button>
        )}
      </div>
    </div>
  );
}
