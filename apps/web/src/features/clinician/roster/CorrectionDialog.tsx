import { Dialog } from 'radix-ui';
import { useId, useState, type FormEvent } from 'react';
import { useT } from '../../../i18n';
import { codeOf } from '../../staff/errors';
import { staffApi } from '../../staff/http';
import { ErrorBanner } from '../../staff/StaffLayout';
import { checkCorrection, formatMinutes, type CorrectionProblem } from '../roster';
import type { RosterRow } from '../types';
import { rosterMessages } from './messages';
import { StaffDialog } from '../../staff/StaffDialog';

interface CorrectionFormProps {
  row: RosterRow;
  /** The most minutes the session allows (correctionLimit). */
  limit: number;
  onDone: (saved: boolean) => void;
}

function CorrectionForm({ row, limit, onDone }: CorrectionFormProps) {
  const t = useT(rosterMessages);
  const valueId = useId();
  const reasonId = useId();
  const problemId = useId();
  const [value, setValue] = useState(String(row.summary.minutesPresent));
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<CorrectionProblem | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const checked = checkCorrection(value, reason, row.summary, limit);
    if (!checked.ok) {
      setProblem(checked.problem);
      return;
    }
    setProblem(null);
    setFailure(null);
    setBusy(true);
    staffApi(`/api/attendance/stays/${encodeURIComponent(row.stayId)}/corrections`, {
      body: { field: 'minutesPresent', value: checked.value, reason: reason.trim() },
    })
      .then(() => onDone(true))
      .catch((error: unknown) => {
        setFailure(codeOf(error));
        setBusy(false);
      });
  };

  const onValue =
    problem === 'valueRequired' || problem === 'valueRange' || problem === 'unchanged';
  return (
    <form className="staff-form" onSubmit={submit} noValidate>
      <ul className="correction-figures">
        <li data-testid="correction-recorded">
          {t('recorded', { value: formatMinutes(row.original.minutesPresent) })}
        </li>
        <li>{t('current', { value: formatMinutes(row.summary.minutesPresent) })}</li>
      </ul>
      <label htmlFor={valueId}>{t('minutesLabel')}</label>
      <input
        id={valueId}
        type="number"
        inputMode="numeric"
        min={0}
        max={1440}
        step={1}
        value={value}
        aria-invalid={onValue || undefined}
        aria-describedby={onValue ? problemId : undefined}
        onChange={(event) => setValue(event.target.value)}
        data-testid="correction-value"
      />
      <label htmlFor={reasonId}>{t('reasonLabel')}</label>
      <textarea
        id={reasonId}
        value={reason}
        maxLength={1000}
        required
        aria-invalid={problem === 'reasonRequired' || undefined}
        aria-describedby={problem === 'reasonRequired' ? problemId : undefined}
        onChange={(event) => setReason(event.target.value)}
        data-testid="correction-reason"
      />
      {problem && (
        <p id={problemId} className="form-error" role="alert" data-testid="correction-problem">
          {t(problem, { max: limit })}
        </p>
      )}
      {failure && <ErrorBanner code={failure} onDismiss={() => setFailure(null)} />}
      <div className="staff-dialog__actions">
        <Dialog.Close asChild>
          <button type="button">{t('cancel')}</button>
        </Dialog.Close>
        <button type="submit" className="primary" disabled={busy} data-testid="correction-save">
          {busy ? t('saving') : t('save')}
        </button>
      </div>
    </form>
  );
}

/** Corrects one stay's minutes present, with a required reason. */
export function CorrectionDialog({
  row,
  limit,
  onClose,
}: {
  row: RosterRow | null;
  limit: number;
  onClose: (saved: boolean) => void;
}) {
  const t = useT(rosterMessages);
  return (
    <StaffDialog
      open={row !== null}
      onClose={() => onClose(false)}
      testId="correction-dialog"
      title={row ? t('dialogTitle', { name: row.displayName }) : ''}
      description={t('dialogBody')}
    >
      {row && <CorrectionForm row={row} limit={limit} onDone={onClose} />}
    </StaffDialog>
  );
}
