import { useState } from 'react';
import { useT } from '../../../i18n';
import { Link } from '../../../router/Link';
import { adminHref } from '../../../router/routes';
import { commonMessages } from '../common/messages';
import { dataOf, request, useApi } from '../common/data';
import { FormDialog } from '../common/dialogs';
import { byActiveThenName, useActiveToggle, useEditor } from '../common/editor';
import { CheckboxField, SelectField, TextField } from '../common/fields';
import { DataTable, ListStatus, PanelHead, RowActions, ToggleDialog } from '../common/listParts';
import { NoticeLine, useNotice } from '../common/Notice';
import { US_STATES } from '../common/states';
import { ActiveBadge } from '../common/ui';
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

const formOf = (p: Patient): PatientForm => ({
  legalName: p.legalName,
  displayName: p.displayName,
  contactEmail: p.contactEmail ?? '',
  contactPhone: p.contactPhone ?? '',
  emergencyContactName: p.emergencyContactName ?? '',
  emergencyContactPhone: p.emergencyContactPhone ?? '',
  stateOfResidence: p.stateOfResidence ?? NONE,
});

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
  const { editing, form, save, open, close, field } = useEditor(EMPTY, formOf);
  const [notice, setNotice] = useNotice();
  const toggler = useActiveToggle<Patient>('/api/patients', (p) => {
    setNotice(t('updated', { name: p.displayName }));
    reload();
  });

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

  const submit = async () => {
    if (!editing) return;
    const saved =
      editing.kind === 'new'
        ? await save.run(() =>
            request<Patient>('/api/patients', { method: 'POST', body: bodyOf(form, false) }),
          )
        : await save.run(() =>
            request<Patient>(`/api/patients/${encodeURIComponent(editing.item.id)}`, {
              method: 'PATCH',
              body: bodyOf(form, true),
            }),
          );
    if (!saved) return;
    close();
    setNotice(
      editing.kind === 'new'
        ? t('createdPatient', { name: saved.displayName })
        : t('updated', { name: saved.displayName }),
    );
    reload();
  };

  const visible = (patients ?? []).filter((p) => showInactive || p.active).sort(byActiveThenName);

  return (
    <section aria-labelledby="patients-heading" className="admin-panel">
      <PanelHead
        id="patients-heading"
        heading={t('patientsHeading')}
        addLabel={t('addPatient')}
        onAdd={() => open({ kind: 'new' })}
        testId="add-patient"
      />
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
      <ListStatus
        state={state}
        reload={reload}
        rows={5}
        shown={visible}
        empty={<p className="hint">{t('noPatients')}</p>}
      />
      {visible.length > 0 && (
        <DataTable
          label={t('patientsTable')}
          testId="patients-table"
          columns={[
            t('displayName'),
            t('legalName'),
            t('state'),
            t('contact'),
            c('status'),
            c('actions'),
          ]}
        >
          {visible.map((p) => (
            <tr key={p.id} className={p.active ? undefined : 'admin-row--inactive'}>
              <th scope="row">{p.displayName}</th>
              <td>{p.legalName}</td>
              <td>{p.stateOfResidence ?? '—'}</td>
              <td>{[p.contactEmail, p.contactPhone].filter(Boolean).join(' · ') || '—'}</td>
              <td>
                <ActiveBadge active={p.active} />
              </td>
              <RowActions
                name={p.displayName}
                onEdit={() => open({ kind: 'edit', item: p })}
                active={p.active}
                onToggle={() => toggler.start(p)}
              />
            </tr>
          ))}
        </DataTable>
      )}

      <FormDialog
        open={editing !== null}
        onOpenChange={(o) => !o && close()}
        title={
          editing?.kind === 'edit'
            ? t('editPatient', { name: editing.item.displayName })
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
          {...field('legalName')}
          required
        />
        <TextField
          id="patient-display-name"
          label={labels.displayName}
          hint={t('displayNameHint')}
          {...field('displayName')}
        />
        <div className="admin-form__row">
          <TextField
            id="patient-email"
            label={labels.contactEmail}
            type="email"
            {...field('contactEmail')}
          />
          <TextField
            id="patient-phone"
            label={labels.contactPhone}
            type="tel"
            {...field('contactPhone')}
          />
        </div>
        <div className="admin-form__row">
          <TextField
            id="patient-emergency-name"
            label={labels.emergencyContactName}
            {...field('emergencyContactName')}
          />
          <TextField
            id="patient-emergency-phone"
            label={labels.emergencyContactPhone}
            type="tel"
            {...field('emergencyContactPhone')}
          />
        </div>
        <SelectField
          id="patient-state"
          label={labels.stateOfResidence}
          {...field('stateOfResidence')}
          options={stateOptions}
        />
      </FormDialog>

      <ToggleDialog
        toggler={toggler}
        nameOf={(p) => p.displayName}
        title={(active, name) =>
          active ? t('deactivatePatientTitle', { name }) : t('reactivatePatientTitle', { name })
        }
        description={(active, name) =>
          active ? t('deactivatePatientBody', { name }) : t('reactivatePatientBody', { name })
        }
      />
    </section>
  );
}
