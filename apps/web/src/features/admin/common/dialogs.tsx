import type { FormEvent, ReactNode } from 'react';
import { AlertDialog, Dialog } from 'radix-ui';
import { useT } from '../../../i18n';
import { commonMessages } from './messages';
import type { Mutation } from './data';
import { ProblemNotice } from './ui';
import { useReturnFocus } from '../../../ui/useReturnFocus';

interface FormDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  submitLabel: string;
  mutation: Mutation;
  fieldLabels?: Record<string, string>;
  onSubmit: () => void;
  children: ReactNode;
  testId?: string;
  wide?: boolean;
}

/** A modal form: its title, fields, what went wrong, and Cancel / Save. */
export function FormDialog(props: FormDialogProps) {
  const t = useT(commonMessages);
  const returnFocus = useReturnFocus(props.open);
  const busy = props.mutation.status === 'busy';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) props.onSubmit();
  };
  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="admin-overlay" />
        <Dialog.Content
          className={props.wide ? 'admin-dialog admin-dialog--wide' : 'admin-dialog'}
          data-testid={props.testId}
          onCloseAutoFocus={returnFocus}
          {...(props.description ? {} : { 'aria-describedby': undefined })}
        >
          <Dialog.Title className="admin-dialog__title">{props.title}</Dialog.Title>
          {props.description && (
            <Dialog.Description className="admin-dialog__description">
              {props.description}
            </Dialog.Description>
          )}
          <form onSubmit={submit} noValidate className="admin-form">
            {props.mutation.status === 'failed' && (
              <ProblemNotice
                problem={props.mutation.problem}
                {...(props.fieldLabels ? { fieldLabels: props.fieldLabels } : {})}
              />
            )}
            {props.children}
            <div className="admin-dialog__actions">
              <Dialog.Close asChild>
                <button type="button">{t('cancel')}</button>
              </Dialog.Close>
              <button type="submit" className="primary" aria-disabled={busy || undefined}>
                {busy ? t('saving') : props.submitLabel}
              </button>
            </div>
            {busy && (
              <p className="visually-hidden" role="status">
                {t('saving')}
              </p>
            )}
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

interface InfoDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  children: ReactNode;
  testId?: string;
}

/** A modal that shows things (a roster, enrollments) and closes. */
export function InfoDialog(props: InfoDialogProps) {
  const t = useT(commonMessages);
  const returnFocus = useReturnFocus(props.open);
  return (
    <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="admin-overlay" />
        <Dialog.Content
          className="admin-dialog admin-dialog--wide"
          data-testid={props.testId}
          onCloseAutoFocus={returnFocus}
          {...(props.description ? {} : { 'aria-describedby': undefined })}
        >
          <Dialog.Title className="admin-dialog__title">{props.title}</Dialog.Title>
          {props.description && (
            <Dialog.Description className="admin-dialog__description">
              {props.description}
            </Dialog.Description>
          )}
          {props.children}
          <div className="admin-dialog__actions">
            <Dialog.Close asChild>
              <button type="button">{t('close')}</button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: string;
  confirmLabel: string;
  danger?: boolean;
  mutation: Mutation;
  onConfirm: () => void;
}

/** Asks before an action that changes someone's access (deactivate, end enrollment). */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const t = useT(commonMessages);
  const returnFocus = useReturnFocus(props.open);
  const busy = props.mutation.status === 'busy';
  return (
    <AlertDialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="admin-overlay" />
        <AlertDialog.Content
          className="admin-dialog"
          data-testid="confirm-dialog"
          onCloseAutoFocus={returnFocus}
        >
          <AlertDialog.Title className="admin-dialog__title">{props.title}</AlertDialog.Title>
          <AlertDialog.Description className="admin-dialog__description">
            {props.description}
          </AlertDialog.Description>
          {props.mutation.status === 'failed' && <ProblemNotice problem={props.mutation.problem} />}
          <div className="admin-dialog__actions">
            <AlertDialog.Cancel asChild>
              <button type="button">{t('cancel')}</button>
            </AlertDialog.Cancel>
            <button
              type="button"
              className={props.danger ? 'danger' : 'primary'}
              aria-disabled={busy || undefined}
              onClick={() => {
                if (!busy) props.onConfirm();
              }}
            >
              {busy ? t('saving') : props.confirmLabel}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
