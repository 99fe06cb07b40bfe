import type { ErrorInfo } from '../call/errors';
import { errorMessage } from './errorMessages';

interface ErrorPanelProps {
  error: Pick<ErrorInfo, 'code' | 'fatal'>;
  onDismiss?: () => void;
}

/** A plain-language account of what went wrong and what to do about it. */
export function ErrorPanel({ error, onDismiss }: ErrorPanelProps) {
  return (
    <div
      className={error.fatal ? 'error-panel error-panel--fatal' : 'error-panel'}
      role="alert"
      data-testid="error-panel"
      data-error-code={error.code}
    >
      <p>{errorMessage(error.code)}</p>
      <div className="error-panel__actions">
        {error.fatal ? (
          <button type="button" onClick={() => window.location.reload()}>
            Try again
          </button>
        ) : (
          onDismiss && (
            <button type="button" onClick={onDismiss} data-testid="error-dismiss">
              Dismiss
            </button>
          )
        )}
      </div>
    </div>
  );
}
