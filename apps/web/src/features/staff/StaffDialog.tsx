import { Dialog } from 'radix-ui';
import type { ReactNode } from 'react';
import { useReturnFocus } from '../../ui/useReturnFocus';

interface StaffDialogProps {
  /** Open while this holds something; its contents are made from it. */
  open: boolean;
  onClose: () => void;
  testId: string;
  title: string;
  description: ReactNode;
  children: ReactNode;
}

/** A modal dialog of the staff pages: a title, a line on what it is for, then its body. */
export function StaffDialog({
  open,
  onClose,
  testId,
  title,
  description,
  children,
}: StaffDialogProps) {
  const returnFocus = useReturnFocus(open);
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="staff-dialog__overlay" />
        {open && (
          <Dialog.Content
            className="staff-dialog"
            data-testid={testId}
            onCloseAutoFocus={returnFocus}
          >
            <Dialog.Title>{title}</Dialog.Title>
            <Dialog.Description className="hint">{description}</Dialog.Description>
            {children}
          </Dialog.Content>
        )}
      </Dialog.Portal>
    </Dialog.Root>
  );
}
