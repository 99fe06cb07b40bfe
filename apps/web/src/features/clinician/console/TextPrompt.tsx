import { Dialog } from 'radix-ui';
import { useId, useState, type FormEvent } from 'react';
import { useT } from '../../../i18n';
import { ErrorBanner } from '../../staff/StaffLayout';
import { consoleMessages } from './messages';
import { StaffDialog } from '../../staff/StaffDialog';

export interface Prompt {
  title: string;
  body: string;
  label: string;
  confirm: string;
  /** The text must not be empty (a removal's reason). */
  required: boolean;
  danger?: boolean;
  testId: string;
  /** Sends the text; the dialog closes when it answers true. */
  onSubmit: (text: string) => Promise<boolean>;
}

interface PromptProps {
  prompt: Prompt;
  /** Why the last attempt failed, said inside the dialog where the person is looking. */
  failure: string | null;
  onClose: () => void;
}

function PromptForm({ prompt, failure, onClose }: PromptProps) {
  const t = useT(consoleMessages);
  const fieldId = useId();
  const problemId = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (prompt.required && !value) {
      setProblem(true);
      return;
    }
    setBusy(true);
    void prompt.onSubmit(value).then((ok) => {
      setBusy(false);
      if (ok) onClose();
    });
  };

  return (
    <form className="staff-form" onSubmit={submit} noValidate>
      <label htmlFor={fieldId}>{prompt.label}</label>
      <textarea
        id={fieldId}
        value={text}
        maxLength={1000}
        required={prompt.required}
        aria-invalid={problem || undefined}
        aria-describedby={problem ? problemId : undefined}
        onChange={(event) => {
          setText(event.target.value);
          if (event.target.value.trim()) setProblem(false);
        }}
        data-testid={`${prompt.testId}-text`}
      />
      {problem && (
        <p id={problemId} className="form-error" role="alert">
          {t('required')}
        </p>
      )}
      {failure && <ErrorBanner code={failure} />}
      <div className="staff-dialog__actions">
        <Dialog.Close asChild>
          <button type="button">{t('cancel')}</button>
        </Dialog.Close>
        <button
          type="submit"
          className={prompt.danger ? 'danger' : 'primary'}
          disabled={busy}
          data-testid={`${prompt.testId}-confirm`}
        >
          {busy ? t('sending') : prompt.confirm}
        </button>
      </div>
    </form>
  );
}

/** A dialog asking for a short text (a reason, a message) before a clinician's action. */
export function TextPromptDialog({
  prompt,
  failure,
  onClose,
}: Omit<PromptProps, 'prompt'> & { prompt: Prompt | null }) {
  return (
    <StaffDialog
      open={prompt !== null}
      onClose={onClose}
      testId={prompt?.testId ?? 'prompt-dialog'}
      title={prompt?.title ?? ''}
      description={prompt?.body ?? ''}
    >
      {prompt && <PromptForm prompt={prompt} failure={failure} onClose={onClose} />}
    </StaffDialog>
  );
}
