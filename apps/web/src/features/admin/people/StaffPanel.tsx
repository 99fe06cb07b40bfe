import { useState } from 'react';
import { useT } from '../../../i18n';
import { commonMessages } from '../common/messages';
import { dataOf, request, useApi, useMutation } from '../common/data';
import { ConfirmDialog, FormDialog } from '../common/dialogs';
import { SelectField, TextField, useFieldError } from '../common/fields';
import { NoticeLine, useNotice } from '../common/Notice';
import { ActiveBadge, ProblemNotice, Skeleton, TableWrap } from '../common/ui';
import type { StaffMember, StaffRole } from '../common/types';
import { peopleMessages } from './messages';

interface StaffForm {
  email: string;
  displayName: string;
  role: StaffRole | '';
  password: string;
}

const EMPTY: StaffForm = { email: '', displayName: '', role: '', password: '' };

type Editing = { kind: 'new' } | { kind: 'edit'; member: StaffMember } | null;

export function StaffPanel() {
  const t = useT(peopleMessages);
  const c = useT(commonMessages);
  const { state, reload } = useApi<StaffMember[]>('/api/staff');
  const staff = dataOf(state);
  const [editing, setEditing] = useState<Editing>(null);
  const [form, setForm] = useState<StaffForm>(EMPTY);
  const [toggling, setToggling] = useState<StaffMember | null>(null);
  const save = useMutation();
  const toggle = useMutation();
  const [notice, setNotice] = useNotice();
  const fieldError = useFieldError(
    save.mutation.status === 'failed' ? save.mutation.problem : null,
  );

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

  const open = (next: Editing) => {
    save.reset();
    setForm(
      next?.kind === 'edit'
        ? {
            email: next.member.email,
            displayName: next.member.displayName,
            role: next.member.role,
            password: '',
          }
        : EMPTY,
    );
    setEditing(next);
  };

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
            request<StaffMember>(`/api/staff/${encodeURIComponent(editing.member.id)}`, {
              method: 'PATCH',
              body: {
                displayName: form.displayName,
                role: form.role || undefined,
                ...(form.password ? { password: form.password } : {}),
              },
            }),
          );
    if (!done) return;
    setEditing(null);
    setNotice(editing.kind === 'new' ? t('createdStaff', { name }) : t('updated', { name }));
    reload();
  };

  const confirmToggle = async () => {
    if (!toggling) return;
    const done = await toggle.run(() =>
      request<StaffMember>(`/api/staff/${encodeURIComponent(toggling.id)}`, {
        method: 'PATCH',
        body: { active: !toggling.active },
      }),
    );
    if (!done) return;
    setNotice(t('updated', { name: toggling.displayName }));
    setToggling(null);
    reload();
  };

  return (
    <section aria-labelledby="staff-heading" className="admin-panel">
      <div className="admin-panel__head">
        <h2 id="staff-heading">{t('staffHeading')}</h2>
        <button
          type="button"
          className="primary"
          onClick={() => open({ kind: 'new' })}
          data-testid="add-staff"
        >
          {t('addStaff')}
        </button>
      </div>
      <NoticeLine text={notice} />
      {state.status === 'error' && <ProblemNotice problem={state.problem} onRetry={reload} />}
      {!staff && state.status === 'loading' && <Skeleton rows={4} />}
      {staff && staff.length === 0 && <p className="hint">{t('noStaff')}</p>}
      {staff && staff.length > 0 && (
        <TableWrap label={t('staffTable')}>
          <table className="admin-table" data-testid="staff-table">
            <caption className="visually-hidden">{t('staffTable')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('email')}</th>
                <th scope="col">{t('role')}</th>
                <th scope="col">{c('status')}</th>
                <th scope="col">{c('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {[...staff]
                .sort(
                  (a, b) =>
                    Number(b.active) - Number(a.active) ||
                    a.displayName.localeCompare(b.displayName),
                )
                .map((m) => (
                  <tr key={m.id} className={m.active ? undefined : 'admin-row--inactive'}>
                    <th scope="row">{m.displayName}</th>
                    <td>{m.email}</td>
                    <td>{t(`role.${m.role}`)}</td>
                    <td>
                      <ActiveBadge active={m.active} />
                    </td>
                    <td className="admin-table__actions">
                      <button type="button" onClick={() => open({ kind: 'edit', member: m })}>
                        {c('edit')}
                        <span className="visually-hidden"> {m.displayName}</span>
                      </button>
                      <button
                        type="button"
                        onClick={() => {
                          toggle.reset();
                          setToggling(m);
                        }}
                      >
                        {m.active ? c('deactivate') : c('reactivate')}
                        <span className="visually-hidden"> {m.displayName}</span>
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
            ? t('editStaff', { name: editing.member.displayName })
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
            value={form.email}
            onChange={(email) => setForm({ ...form, email })}
            error={fieldError('email')}
            autoComplete="off"
            required
          />
        )}
        <TextField
          id="staff-name"
          label={labels.displayName}
          value={form.displayName}
          onChange={(displayName) => setForm({ ...form, displayName })}
          error={fieldError('displayName')}
          required
        />
        <SelectField
          id="staff-role"
          label={labels.role}
          value={form.role}
          onChange={(role) => setForm({ ...form, role: role as StaffRole })}
          options={roleOptions}
          error={fieldError('role')}
          required
        />
        <TextField
          id="staff-password"
          label={labels.password}
          type="password"
          value={form.password}
          onChange={(password) => setForm({ ...form, password })}
          hint={editing?.kind === 'edit' ? t('newPasswordHint') : t('passwordHint')}
          error={fieldError('password')}
          autoComplete="new-password"
          required={editing?.kind !== 'edit'}
        />
      </FormDialog>

      <ConfirmDialog
        open={toggling !== null}
        onOpenChange={(o) => !o && setToggling(null)}
        title={
          toggling?.active
            ? t('deactivateStaffTitle', { name: toggling.displayName })
            : t('reactivateStaffTitle', { name: toggling?.displayName ?? '' })
        }
        description={
          toggling?.active
            ? t('deactivateStaffBody', { name: toggling.displayName })
            : t('reactivateStaffBody', { name: toggling?.displayName ?? '' })
        }
        confirmLabel={toggling?.active ? c('deactivate') : c('reactivate')}
        danger={toggling?.active ?? false}
        mutation={toggle.mutation}
        onConfirm={() => void confirmToggle()}
      />
    </section>
  );
}
