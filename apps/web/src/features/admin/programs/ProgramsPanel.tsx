import { useState } from 'react';
import { useT } from '../../../i18n';
import { commonMessages } from '../common/messages';
import { dataOf, request, useApi, useMutation } from '../common/data';
import { FormDialog } from '../common/dialogs';
import { CheckboxField, SelectField, TextField, useFieldError } from '../common/fields';
import { useFormat } from '../common/format';
import { NoticeLine, useNotice } from '../common/Notice';
import { zoneOptions } from '../common/states';
import { ProblemNotice, Skeleton, TableWrap } from '../common/ui';
import type { Program } from '../common/types';
import { programMessages } from './messages';

interface ProgramForm {
  name: string;
  weeklyHoursRequired: string;
  billingCode: string;
  minBillableMinutes: string;
  telehealthAllowed: boolean;
  audioOnlyAllowed: boolean;
  timeZone: string;
}

const EMPTY: ProgramForm = {
  name: '',
  weeklyHoursRequired: '9',
  billingCode: 'H0015',
  minBillableMinutes: '120',
  telehealthAllowed: true,
  audioOnlyAllowed: false,
  timeZone: 'America/New_York',
};

/** A number field's value for the server: empty stays out, so the server names it. */
const num = (value: string): number | undefined =>
  value.trim() === '' ? undefined : Number(value);

type Editing = { kind: 'new' } | { kind: 'edit'; program: Program } | null;

export function ProgramsPanel() {
  const t = useT(programMessages);
  const c = useT(commonMessages);
  const f = useFormat();
  const { state, reload } = useApi<Program[]>('/api/programs');
  const programs = dataOf(state);
  const [editing, setEditing] = useState<Editing>(null);
  const [form, setForm] = useState<ProgramForm>(EMPTY);
  const save = useMutation();
  const [notice, setNotice] = useNotice();
  const fieldError = useFieldError(
    save.mutation.status === 'failed' ? save.mutation.problem : null,
  );
  const labels = {
    name: t('name'),
    weeklyHoursRequired: t('weeklyHours'),
    billingCode: t('billingCode'),
    minBillableMinutes: t('minBillable'),
    timeZone: t('timeZone'),
  };

  const open = (next: Editing) => {
    save.reset();
    if (next?.kind === 'edit') {
      const p = next.program;
      setForm({
        name: p.name,
        weeklyHoursRequired: String(p.weeklyHoursRequired),
        billingCode: p.billingCode,
        minBillableMinutes: String(p.minBillableMinutes),
        telehealthAllowed: p.telehealthAllowed,
        audioOnlyAllowed: p.audioOnlyAllowed,
        timeZone: p.timeZone,
      });
    } else setForm(EMPTY);
    setEditing(next);
  };

  const submit = async () => {
    if (!editing) return;
    const body = {
      name: form.name,
      weeklyHoursRequired: num(form.weeklyHoursRequired),
      billingCode: form.billingCode,
      minBillableMinutes: num(form.minBillableMinutes),
      telehealthAllowed: form.telehealthAllowed,
      audioOnlyAllowed: form.audioOnlyAllowed,
      timeZone: form.timeZone,
    };
    const saved = await save.run(() =>
      editing.kind === 'new'
        ? request<Program>('/api/programs', { method: 'POST', body })
        : request<Program>(`/api/programs/${encodeURIComponent(editing.program.id)}`, {
            method: 'PATCH',
            body,
          }),
    );
    if (!saved) return;
    setEditing(null);
    setNotice(
      editing.kind === 'new'
        ? t('createdProgram', { name: saved.name })
        : t('updated', { name: saved.name }),
    );
    reload();
  };

  return (
    <section aria-labelledby="programs-heading" className="admin-panel">
      <div className="admin-panel__head">
        <h2 id="programs-heading">{t('programsHeading')}</h2>
        <button
          type="button"
          className="primary"
          onClick={() => open({ kind: 'new' })}
          data-testid="add-program"
        >
          {t('addProgram')}
        </button>
      </div>
      <p className="hint">{t('noDeactivate')}</p>
      <NoticeLine text={notice} />
      {state.status === 'error' && <ProblemNotice problem={state.problem} onRetry={reload} />}
      {!programs && state.status === 'loading' && <Skeleton rows={3} />}
      {programs && programs.length === 0 && <p className="hint">{t('noPrograms')}</p>}
      {programs && programs.length > 0 && (
        <TableWrap label={t('programsTable')}>
          <table className="admin-table" data-testid="programs-table">
            <caption className="visually-hidden">{t('programsTable')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('billingCode')}</th>
                <th scope="col">{t('rules')}</th>
                <th scope="col">{t('timeZone')}</th>
                <th scope="col">{c('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {programs.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>{p.billingCode}</td>
                  <td>
                    <ul className="admin-plain-list">
                      <li>{t('hoursPerWeek', { hours: f.number(p.weeklyHoursRequired, 1) })}</li>
                      <li>{t('minutesPerDay', { minutes: p.minBillableMinutes })}</li>
                      <li>
                        {p.telehealthAllowed ? t('telehealthYes') : t('telehealthNo')} ·{' '}
                        {p.audioOnlyAllowed ? t('audioYes') : t('audioNo')}
                      </li>
                    </ul>
                  </td>
                  <td>{p.timeZone}</td>
                  <td className="admin-table__actions">
                    <button type="button" onClick={() => open({ kind: 'edit', program: p })}>
                      {c('edit')}
                      <span className="visually-hidden"> {p.name}</span>
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
            ? t('editProgram', { name: editing.program.name })
            : t('addProgram')
        }
        submitLabel={editing?.kind === 'edit' ? c('save') : t('addProgram')}
        mutation={save.mutation}
        fieldLabels={labels}
        onSubmit={() => void submit()}
        testId="program-dialog"
      >
        <TextField
          id="program-name"
          label={labels.name}
          value={form.name}
          onChange={(name) => setForm({ ...form, name })}
          error={fieldError('name')}
          required
        />
        <div className="admin-form__row">
          <TextField
            id="program-hours"
            label={labels.weeklyHoursRequired}
            hint={t('weeklyHoursHint')}
            type="number"
            min={0}
            max={40}
            step={0.5}
            inputMode="decimal"
            value={form.weeklyHoursRequired}
            onChange={(weeklyHoursRequired) => setForm({ ...form, weeklyHoursRequired })}
            error={fieldError('weeklyHoursRequired')}
            required
          />
          <TextField
            id="program-min-billable"
            label={labels.minBillableMinutes}
            hint={t('minBillableHint')}
            type="number"
            min={0}
            max={1440}
            step={1}
            inputMode="numeric"
            value={form.minBillableMinutes}
            onChange={(minBillableMinutes) => setForm({ ...form, minBillableMinutes })}
            error={fieldError('minBillableMinutes')}
            required
          />
        </div>
        <TextField
          id="program-billing-code"
          label={labels.billingCode}
          hint={t('billingCodeHint')}
          value={form.billingCode}
          onChange={(billingCode) => setForm({ ...form, billingCode })}
          error={fieldError('billingCode')}
          required
        />
        <SelectField
          id="program-zone"
          label={labels.timeZone}
          value={form.timeZone}
          onChange={(timeZone) => setForm({ ...form, timeZone })}
          options={zoneOptions(form.timeZone).map((z) => ({ value: z, label: z }))}
          error={fieldError('timeZone')}
          required
        />
        <CheckboxField
          id="program-telehealth"
          label={t('telehealth')}
          checked={form.telehealthAllowed}
          onChange={(telehealthAllowed) => setForm({ ...form, telehealthAllowed })}
        />
        <CheckboxField
          id="program-audio-only"
          label={t('audioOnly')}
          hint={t('audioOnlyHint')}
          checked={form.audioOnlyAllowed}
          onChange={(audioOnlyAllowed) => setForm({ ...form, audioOnlyAllowed })}
        />
      </FormDialog>
    </section>
  );
}
