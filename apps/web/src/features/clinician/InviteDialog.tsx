import { Dialog } from 'radix-ui';
import { useEffect, useId, useRef, useState } from 'react';
import { useLocale, useT } from '../../i18n';
import { codeOf } from '../staff/errors';
import { staffApi } from '../staff/http';
import { ErrorBanner } from '../staff/StaffLayout';
import { dateTime, invitable, mailtoHref, smsHref, zonedDateTime } from './today';
import { todayMessages } from './todayMessages';
import type { ClinicSession, EnrolledPatient, InviteLink, PatientRecord } from './types';

type Patients =
  { kind: 'loading' } | { kind: 'error'; code: string } | { kind: 'ready'; list: PatientRecord[] };

async function patientsOf(session: ClinicSession, signal: AbortSignal): Promise<PatientRecord[]> {
  if (session.kind === 'individual' && session.patientId) {
    const one = await staffApi<PatientRecord>(
      `/api/patients/${encodeURIComponent(session.patientId)}`,
      { signal },
    );
    return [one];
  }
  if (!session.groupId) return [];
  const enrolled = await staffApi<EnrolledPatient[]>(
    `/api/groups/${encodeURIComponent(session.groupId)}/enrollments`,
    { signal },
  );
  return invitable(enrolled);
}

/** Copies text; falls back to selecting the field so the person can copy it themselves. */
async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.focus();
    field?.select();
    return false;
  }
}

function InviteBody({ session }: { session: ClinicSession }) {
  const t = useT(todayMessages);
  const locale = useLocale();
  const selectId = useId();
  const linkId = useId();
  const [patients, setPatients] = useState<Patients>({ kind: 'loading' });
  const [patientId, setPatientId] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [link, setLink] = useState<{ invite: InviteLink; patient: PatientRecord } | null>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    patientsOf(session, controller.signal)
      .then((list) => {
        setPatients({ kind: 'ready', list });
        if (list.length === 1 && list[0]) setPatientId(list[0].id);
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setPatients({ kind: 'error', code: codeOf(error) });
      });
    return () => controller.abort();
  }, [session]);

  const create = () => {
    const patient =
      patients.kind === 'ready' ? patients.list.find((p) => p.id === patientId) : undefined;
    if (!patient || busy) return;
    setBusy(true);
    setFailure(null);
    staffApi<InviteLink>(`/api/sessions/${encodeURIComponent(session.id)}/invites`, {
      body: { patientId: patient.id },
    })
      .then((invite) => {
        setLink({ invite, patient });
        setCopy('idle');
      })
      .catch((error: unknown) => setFailure(codeOf(error)))
      .finally(() => setBusy(false));
  };

  if (link) {
    const { invite, patient } = link;
    const body = t('messageBody', {
      name: patient.displayName,
      date: zonedDateTime(session.startsAt, locale, invite.timeZone ?? undefined),
      url: invite.url,
      expiry: zonedDateTime(invite.expiresAt, locale, invite.timeZone ?? undefined),
    });
    return (
      <div className="invite" data-testid="invite-result">
        <label htmlFor={linkId}>{t('link', { name: patient.displayName })}</label>
        <div className="invite__link">
          <input
            ref={field}
            id={linkId}
            className="staff-field"
            readOnly
            value={invite.url}
            onFocus={(event) => event.currentTarget.select()}
            data-testid="invite-url"
          />
          <button
            type="button"
            className="primary"
            data-testid="invite-copy"
            onClick={() =>
              void copyText(invite.url, field.current).then((ok) =>
                setCopy(ok ? 'copied' : 'failed'),
              )
            }
          >
            {t('copy')}
          </button>
        </div>
        <p role="status" className="invite__status" data-testid="invite-copy-status">
          {copy === 'copied' ? t('copied') : copy === 'failed' ? t('copyFailed') : ''}
        </p>
        <p className="hint">{t('validUntil', { time: dateTime(invite.expiresAt, locale) })}</p>
        <p className="invite__send">
          <a
            className="button-link"
            href={mailtoHref(patient.contactEmail, t('emailSubject'), body)}
            data-testid="invite-mailto"
          >
            {t('sendEmail')}
          </a>
          <a
            className="button-link"
            href={smsHref(patient.contactPhone, body)}
            data-testid="invite-sms"
          >
            {t('sendText')}
          </a>
        </p>
        {patients.kind === 'ready' && patients.list.length > 1 && (
          <button type="button" onClick={() => setLink(null)}>
            {t('another')}
          </button>
        )}
      </div>
    );
  }

  return (
    <div className="staff-form invite">
      {patients.kind === 'loading' && (
        <p role="status" className="hint">
          {t('loadingPatients')}
        </p>
      )}
      {patients.kind === 'error' && <ErrorBanner code={patients.code} />}
      {patients.kind === 'ready' && patients.list.length === 0 && <p>{t('noPatients')}</p>}
      {patients.kind === 'ready' && patients.list.length > 0 && (
        <>
          <label htmlFor={selectId}>{t('patient')}</label>
          <select
            id={selectId}
            value={patientId}
            onChange={(event) => setPatientId(event.target.value)}
            data-testid="invite-patient"
          >
            <option value="">{t('choosePatient')}</option>
            {patients.list.map((p) => (
              <option key={p.id} value={p.id}>
                {p.legalName === p.displayName
                  ? p.displayName
                  : `${p.displayName} (${p.legalName})`}
              </option>
            ))}
          </select>
          {failure && (
            <ErrorBanner
              code={failure}
              text={failure === 'CONFLICT' ? t('notEnrolled') : undefined}
              onDismiss={() => setFailure(null)}
            />
          )}
          <button
            type="button"
            className="primary"
            disabled={!patientId || busy}
            onClick={create}
            data-testid="invite-create"
          >
            {busy ? t('creating') : t('create')}
          </button>
        </>
      )}
    </div>
  );
}

/** A button opening the dialog that makes a patient's personal link to one session. */
export function InviteDialog({ session }: { session: ClinicSession }) {
  const t = useT(todayMessages);
  return (
    <Dialog.Root>
      <Dialog.Trigger asChild>
        <button
          type="button"
          aria-label={t('inviteNamed', { title: session.title })}
          data-testid="invite-open"
        >
          {t('invite')}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="staff-dialog__overlay" />
        <Dialog.Content className="staff-dialog" data-testid="invite-dialog">
          <Dialog.Title>{t('inviteTitle')}</Dialog.Title>
          <Dialog.Description className="hint">
            <strong>{session.title}</strong>. {t('inviteIntro')}
          </Dialog.Description>
          <InviteBody session={session} />
          <div className="staff-dialog__actions">
            <Dialog.Close asChild>
              <button type="button">{t('done')}</button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
