import { lazy, Suspense, useId, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { DevicesIcon } from '../../ui/icons';
import { LoadGuard } from '../../ui/LoadGuard';
import type { DeviceMenuProps } from './DeviceMenu';
import { sessionMessages } from './messages';

const loadMenu = () => import('./DeviceMenu');

/**
 * Opens the choice of camera, microphone and speaker in the browser's modal <dialog>
 * (focus in and back, Escape closes). Its contents load and run only while it is open:
 * the microphone's level meter listens only then. If they fail to download (a deploy
 * replaced them, the network is gone), the dialog says so and the call carries on; the
 * next opening tries again.
 */
export function DeviceButton(props: DeviceMenuProps) {
  const t = useT(sessionMessages);
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  // A lazy component that failed stays failed: the next opening gets a new one.
  const [DeviceMenu, setDeviceMenu] = useState(() => lazy(loadMenu));
  const [failed, setFailed] = useState(false);
  const id = useId();
  return (
    <>
      <button
        type="button"
        className="toggle"
        aria-haspopup="dialog"
        data-testid="devices-button"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        <DevicesIcon />
        <span className="toggle__label">{t('devices')}</span>
      </button>
      <dialog
        ref={dialog}
        className="dialog"
        aria-labelledby={`${id}-title`}
        onClose={() => {
          setOpen(false);
          if (failed) {
            setFailed(false);
            setDeviceMenu(() => lazy(loadMenu));
          }
        }}
        data-testid="devices-dialog"
      >
        <h2 id={`${id}-title`} className="dialog__title">
          {t('devicesTitle')}
        </h2>
        {open && (
          <LoadGuard
            fallback={<p role="alert">{t('devicesFailed')}</p>}
            onFailed={() => setFailed(true)}
          >
            <Suspense fallback={<span className="spinner" aria-hidden="true" />}>
              <DeviceMenu {...props} />
            </Suspense>
          </LoadGuard>
        )}
        <form method="dialog" className="dialog__actions">
          <button type="submit">{t('close')}</button>
        </form>
      </dialog>
    </>
  );
}
