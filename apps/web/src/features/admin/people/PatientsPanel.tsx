import { useState } from 'react';
import { useT } from '../../../i18n';
import { Link } from '../../../router/Link';
import { adminHref } from '../../../router/routes';
import { commonMessages } from '../common/messages';
import { dataOf, request, useApi, useMutation } from '../common/data';
import { ConfirmDialog, FormDialog } from '../common/dialogs';
import { CheckboxField, SelectField, TextField, useFieldError } from '../common/fields';
import { NoticeLine, useNotice } from '../common/Notice';
import { US_STATES } from '../common/states';
import { ActiveBadge, ProblemNotice, Skeleton, TableWrap } from '../common/ui';
import type { Patient } from '../common/types';
import { peopleMessages } from './messages';

interface PatientForm {
  legalName: string;
  displayName: string;
  contactEmail: string;
  contactPhone: string;
  emergencyContactName: string;
  emergencyContactPhone: string;
  stateOfResidence: string;
}

const EMPTY: PatientForm = {
  legalName: '',
  displayName: '',
  contactEmail: '',
  contactPhone: '',
  emergencyContactName: '',
  emergencyContactPhone: '',
  stateOfResidence: '',
};

const NONE = '__none';
const OPTIONAL = [
  'contactEmail',
  'contactPhone',
  'emergencyContactName',
  'emergencyContactPhone',
] as const;

type Editing = { kind: 'new' } | { kind: 'edit'; patient: Patient } | null;

/** The request body: empty optional fields are left out when adding and cleared when editing. */
function bodyOf(form: PatientForm, editing: boolean): Record<string, string | null> {
  const body: Record<string, string | null> = { legalName: form.legalName };
  if (form.displayName.trim()) body['displayName'] = form.displayName;
  for (const key of OPTIONAL) {
    const value = form[key].trim();
    if (value) body[key] = value;
    else if (editing) body[key] = null;
  }
  if (form.stateOfResidence && form.stateOfResidence !== NONE)
    body['stateOfResidence'] = form.stateOfResidence;
  else if (editing) body['stateOfResidence'] = null;
  return body;
}

export function PatientsPanel() {
  const t = useT(peopleMessages);
  const c = useT(commonMessages);
  const { state, reload } = useApi<Patient[]>('/api/patients');
  const patients = dataOf(state);
  const [showInactive, setShowInactive] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [form, setForm] = useState<PatientForm>(EMPTY);
  const [toggling, setToggling] = useState<Patient | null>(null);
  const save = useMutation();
  const toggle = useMutation();
  const [notice, setNotice] = useNotice();
  const fieldError = useFieldError(
    save.mutation.status === 'failed' ? save.mutation.problem : null,
  );

  const labels = {
    legalName: t('legalName'),
    displayName: t('displayName'),
    contactEmail: t('contactEmail'),
    contactPhone: t('contactPhone'),
    emergencyContactName: t('emergencyName'),
    emergencyContactPhone: t('emergencyPhone'),
    stateOfResidence: t('state'),
  };
  const stateOptions = [
    { value: NONE, label: t('notRecorded') },
    ...US_STATES.map((s) => ({ value: s, label: s })),
  ];

  const open = (next: Editing) => {
    save.reset();
    if (next?.kind === 'edit') {
      const p = next.patient;
      setForm({
        legalName: p.legalName,
        displayName: p.displayName,
        contactEmail: p.contactEmail ?? '',
        contactPhone: p.contactPhone ?? '',
        emergencyContactName: p.emergencyContactName ?? '',
        emergencyContactPhone: p.emergencyContactPhone ?? '',
        stateOfResidence: p.stateOfResidence ?? NONE,
      });
    } else setForm(EMPTY);
    setEditing(next);
  };

  const submit = async () => {
    if (!editing) return;
    const saved =
      editing.kind === 'new'
        ? await save.run(() =>
            request<Patient>('/api/patients', { method: 'POST', body: bodyOf(form, false) }),
          )
        : await save.run(() =>
            request<Patient>(`/api/patients/${encodeURIComponent(editing.patient.id)}`, {
              method: 'PATCH',
              body: bodyOf(form, true),
            }),
          );
    if (!saved) return;
    setEditing(null);
    setNotice(
      editing.kind === 'new'
        ? t('createdPatient', { name: saved.displayName })
        : t('updated', { name: saved.displayName }),
    );
    reload();
  };

  const confirmToggle = async () => {
    if (!toggling) return;
    const done = await toggle.run(() =>
      request<Patient>(`/api/patients/${encodeURIComponent(toggling.id)}`, {
        method: 'PATCH',
        body: { active: !toggling.active },
      }),
    );
    if (!done) return;
    setNotice(t('updated', { name: toggling.displayName }));
    setToggling(null);
    reload();
  };

  const visible = (patients ?? [])
    .filter((p) => showInactive || p.active)
    .sort(
      (a, b) => Number(b.active) - Number(a.active) || a.displayName.localeCompare(b.displayName),
    );

  return (
    <section aria-labelledby="patients-heading" className="admin-panel">
      <div className="admin-panel__head">
        <h2 id="patients-heading">{t('patientsHeading')}</h2>
        <button
          type="button"
          className="primary"
          onClick={() => open({ kind: 'new' })}
          data-testid="add-patient"
        >
          {t('addPatient')}
        </button>
      </div>
      <p className="hint">
        <Link href={adminHref('programs')}>{t('enrollLink')}</Link>
      </p>
      <CheckboxField
        id="patients-inactive"
        label={t('showInactive')}
        checked={showInactive}
        onChange={setShowInactive}
      />
      <NoticeLine text={notice} />
      {state.status === 'error' && <ProblemNotice problem={state.problem} onRetry={reload} />}
      {!patients && state.status === 'loading' && <Skeleton rows={5} />}
      {patients && visible.length === 0 && <p className="hint">{t('noPatients')}</p>}
      {visible.length > 0 && (
        <TableWrap label={t('patientsTable')}>
          <table className="admin-table" data-testid="patients-table">
            <caption className="visually-hidden">{t('patientsTable')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('displayName')}</th>
                <th scope="col">{t('legalName')}</th>
                <th scope="col">{t('state')}</th>
                <th scope="col">{t('contact')}</th>
                <th scope="col">{c('status')}</th>
                <th scope="col">{c('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((p) => (
                <tr key={p.id} className={p.active ? undefined : 'admin-row--inactive'}>
                  <th scope="row">{p.displayName}</th>
                  <td>{p.legalName}</td>
                  <td>{p.stateOfResidence ?? '—'}</td>
                  <td>{[p.contactEmail, p.contactPhone].filter(Boolean).join(' · ') || '—'}</td>
                  <td>
                    <ActiveBadge active={p.active} />
                  </td>
                  <td className="admin-table__actions">
                    <button type="button" onClick={() => open({ kind: 'edit', patient: p })}>
                      {c('edit')}
                      <span className="visually-hidden"> {p.displayName}</span>
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        toggle.reset();
                        setToggling(p);
                      }}
                    >
                      {p.active ? c('deactivate') : c('reactivate')}
                      <span className="visually-hidden"> {p.displayName}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}

      <FormDialog
        open={editing !== null}
        onOpenChange={(o) => !o && setEditing(null)}
        title={
          editing?.kind === 'edit'
            ? t('editPatient', { name: editing.patient.displayName })
            : t('addPatient')
        }
        submitLabel={editing?.kind === 'edit' ? c('save') : t('addPatient')}
        mutation={save.mutation}
        fieldLabels={labels}
        onSubmit={() => void submit()}
        testId="patient-dialog"
      >
        <TextField
          id="patient-legal-name"
          label={labels.legalName}
          hint={t('legalNameHint')}
          value={form.legalName}
          onChange={(legalName) => setForm({ ...form, legalName })}
          error={fieldError('legalName')}
          required
        />
        <TextField
          id="patient-display-name"
          label={labels.displayName}
          hint={t('displayNameHint')}
          value={form.displayName}
          onChange={(displayName) => setForm({ ...form, displayName })}
          error={fieldError('displayName')}
        />
        <div className="admin-form__row">
          <TextField
            id="patient-email"
            label={labels.contactEmail}
            type="email"
            value={form.contactEmail}
            onChange={(contactEmail) => setForm({ ...form, contactEmail })}
            error={fieldError('contactEmail')}
          />
          <TextField
            id="patient-phone"
            label={labels.contactPhone}
            type="tel"
            value={form.contactPhone}
            onChange={(contactPhone) => setForm({ ...form, contactPhone })}
            error={fieldError('contactPhone')}
          />
        </div>
        <div className="admin-form__row">
          <TextField
            id="patient-emergency-name"
            label={labels.emergencyContactName}
            value={form.emergencyContactName}
            onChange={(emergencyContactName) => setForm({ ...form, emergencyContactName })}
            error={fieldError('emergencyContactName')}
          />
          <TextField
            id="patient-emergency-phone"
            label={labels.emergencyContactPhone}
            type="tel"
            value={form.emergencyContactPhone}
            onChange={(emergencyContactPhone) => setForm({ ...form, emergencyContactPhone })}
            error={fieldError('emergencyContactPhone')}
          />
        </div>
        <SelectField
          id="patient-state"
          label={labels.stateOfResidence}
          value={form.stateOfResidence}
          onChange={(stateOfResidence) => setForm({ ...form, stateOfResidence })}
          options={stateOptions}
          error={fieldError('stateOfResidence')}
        />
      </FormDialog>

      <ConfirmDialog
        open={toggling !== null}
        onOpenChange={(o) => !o && setToggling(null)}
        title={
          toggling?.active
            ? t('deactivatePatientTitle', { name: toggling.displayName })
            : t('reactivatePatientTitle', { name: toggling?.displayName ?? '' })
        }
        description={
          toggling?.active
            ? t('deactivatePatientBody', { name: toggling.displayName })
            : t('reactivatePatientBody', { name: toggling?.displayName ?? '' })
        }
        confirmLabel={toggling?.active ? c('deactivate') : c('reactivate')}
        danger={toggling?.active ?? false}
        mutation={toggle.mutation}
        onConfirm={() => void confirmToggle()}
      />
    </section>
  );
}
