import { useT } from '../../../i18n';
import { commonMessages } from '../common/messages';
import { dataOf, request, useApi } from '../common/data';
import { FormDialog } from '../common/dialogs';
import { byActiveThenName, useActiveToggle, useEditor } from '../common/editor';
import { SelectField, TextField } from '../common/fields';
import { DataTable, ListStatus, PanelHead, RowActions, ToggleDialog } from '../common/listParts';
import { NoticeLine, useNotice } from '../common/Notice';
import { ActiveBadge } from '../common/ui';
import type { StaffMember, StaffRole } from '../common/types';
import { peopleMessages } from './messages';

interface StaffForm {
  email: string;
  displayName: string;
  role: StaffRole | '';
  password: string;
}

const EMPTY: StaffForm = { email: '', displayName: '', role: '', password: '' };

const formOf = (m: StaffMember): StaffForm => ({
  email: m.email,
  displayName: m.displayName,
  role: m.role,
  password: '',
});

export function StaffPanel() {
  const t = useT(peopleMessages);
  const c = useT(commonMessages);
  const { state, reload } = useApi<StaffMember[]>('/api/staff');
  const staff = dataOf(state);
  const { editing, form, save, open, close, field } = useEditor(EMPTY, formOf);
  const [notice, setNotice] = useNotice();
  const toggler = useActiveToggle<StaffMember>('/api/staff', (m) => {
    setNotice(t('updated', { name: m.displayName }));
    reload();
  });

  const labels = {
    email: t('email'),
    displayName: t('name'),
    role: t('role'),
    password: editing?.kind === 'edit' ? t('newPassword') : t('password'),
  };
  const roleOptions = (['clinician', 'admin'] as const).map((r) => ({
    value: r,
    label: t(`role.${r}`),
  }));

  const submit = async () => {
    if (!editing) return;
    const name = form.displayName.trim();
    const done =
      editing.kind === 'new'
        ? await save.run(() =>
            request<StaffMember>('/api/staff', {
              method: 'POST',
              body: {
                email: form.email.trim(),
                displayName: form.displayName,
                role: form.role || undefined,
                password: form.password,
              },
            }),
          )
        : await save.run(() =>
            request<StaffMember>(`/api/staff/${encodeURIComponent(editing.item.id)}`, {
              method: 'PATCH',
              body: {
                displayName: form.displayName,
                role: form.role || undefined,
                ...(form.password ? { password: form.password } : {}),
              },
            }),
          );
    if (!done) return;
    close();
    setNotice(editing.kind === 'new' ? t('createdStaff', { name }) : t('updated', { name }));
    reload();
  };

  return (
    <section aria-labelledby="staff-heading" className="admin-panel">
      <PanelHead
        id="staff-heading"
        heading={t('staffHeading')}
        addLabel={t('addStaff')}
        onAdd={() => open({ kind: 'new' })}
        testId="add-staff"
      />
      <NoticeLine text={notice} />
      <ListStatus
        state={state}
        reload={reload}
        rows={4}
        empty={<p className="hint">{t('noStaff')}</p>}
      />
      {staff && staff.length > 0 && (
        <DataTable
          label={t('staffTable')}
          testId="staff-table"
          columns={[t('name'), t('email'), t('role'), c('status'), c('actions')]}
        >
          {[...staff].sort(byActiveThenName).map((m) => (
            <tr key={m.id} className={m.active ? undefined : 'admin-row--inactive'}>
              <th scope="row">{m.displayName}</th>
              <td>{m.email}</td>
              <td>{t(`role.${m.role}`)}</td>
              <td>
                <ActiveBadge active={m.active} />
              </td>
              <RowActions
                name={m.displayName}
                onEdit={() => open({ kind: 'edit', item: m })}
                active={m.active}
                onToggle={() => toggler.start(m)}
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
            ? t('editStaff', { name: editing.item.displayName })
            : t('addStaff')
        }
        submitLabel={editing?.kind === 'edit' ? c('save') : t('addStaff')}
        mutation={save.mutation}
        fieldLabels={labels}
        onSubmit={() => void submit()}
        testId="staff-dialog"
      >
        {editing?.kind === 'new' && (
          <TextField
            id="staff-email"
            label={labels.email}
            type="email"
            {...field('email')}
            autoComplete="off"
            required
          />
        )}
        <TextField id="staff-name" label={labels.displayName} {...field('displayName')} required />
        <SelectField
          id="staff-role"
          label={labels.role}
          {...field('role')}
          options={roleOptions}
          required
        />
        <TextField
          id="staff-password"
          label={labels.password}
          type="password"
          {...field('password')}
          hint={editing?.kind === 'edit' ? t('newPasswordHint') : t('passwordHint')}
          autoComplete="new-password"
          required={editing?.kind !== 'edit'}
        />
      </FormDialog>

      <ToggleDialog
        toggler={toggler}
        nameOf={(m) => m.displayName}
        title={(active, name) =>
          active ? t('deactivateStaffTitle', { name }) : t('reactivateStaffTitle', { name })
        }
        description={(active, name) =>
          active ? t('deactivateStaffBody', { name }) : t('reactivateStaffBody', { name })
        }
      />
    </section>
  );
}
