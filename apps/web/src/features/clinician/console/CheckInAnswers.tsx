import { Dialog } from 'radix-ui';
import type { WaitingEntry } from '@haven/protocol';
import { useT } from '../../../i18n';
import { StaffDialog } from '../../staff/StaffDialog';
import { consoleMessages } from './messages';

/** A patient's check-in: where they are, at home or not, in private or not, whom to call. */
export function CheckInAnswers({
  entry,
}: {
  entry: Pick<WaitingEntry, 'displayName' | 'checkIn'>;
}) {
  const t = useT(consoleMessages);
  const answers = entry.checkIn;
  if (!answers) return null;
  const yesNo = (value: boolean) => (value ? t('yes') : t('no'));
  const phone = answers.emergencyContact.phone;
  return (
    <dl className="checkin" aria-label={t('checkIn', { name: entry.displayName })}>
      <div>
        <dt>{t('location')}</dt>
        <dd data-testid="checkin-location">
          {answers.location} · {answers.state}
        </dd>
      </div>
      <div>
        <dt>{t('atHome')}</dt>
        <dd>{yesNo(answers.atHome)}</dd>
      </div>
      <div>
        <dt>{t('privatePlace')}</dt>
        <dd>{yesNo(answers.privatePlace)}</dd>
      </div>
      <div>
        <dt>{t('emergencyContact')}</dt>
        <dd>
          {answers.emergencyContact.name},{' '}
          <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a>
        </dd>
      </div>
    </dl>
  );
}

export interface ShownCheckIn {
  name: string;
  checkIn: WaitingEntry['checkIn'];
}

/**
 * A patient's check-in answers during the session, for an emergency: where they said they
 * are and today's emergency contact. Reading them is audited on the server.
 */
export function CheckInDialog({
  shown,
  onClose,
}: {
  shown: ShownCheckIn | null;
  onClose: () => void;
}) {
  const t = useT(consoleMessages);
  return (
    <StaffDialog
      open={shown !== null}
      onClose={onClose}
      testId="checkin-dialog"
      title={shown ? t('checkInTitle', { name: shown.name }) : ''}
      description={t('checkInBody')}
    >
      {shown?.checkIn ? (
        <CheckInAnswers entry={{ displayName: shown.name, checkIn: shown.checkIn }} />
      ) : (
        <p>{t('checkInNone')}</p>
      )}
      <div className="staff-dialog__actions">
        <Dialog.Close asChild>
          <button type="button" className="primary">
            {t('close')}
          </button>
        </Dialog.Close>
      </div>
    </StaffDialog>
  );
}
