import { useT } from '../../../i18n';
import { commonMessages } from '../common/messages';
import { dataOf, request, useApi } from '../common/data';
import { FormDialog } from '../common/dialogs';
import { useEditor } from '../common/editor';
import { CheckboxField, TextField, ZoneField } from '../common/fields';
import { useFormat } from '../common/format';
import { NoticeLine, useNotice } from '../common/Notice';
import { DataTable, ListStatus, PanelHead, RowActions } from '../common/listParts';
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

const formOf = (p: Program): ProgramForm => ({
  name: p.name,
  weeklyHoursRequired: String(p.weeklyHoursRequired),
  billingCode: p.billingCode,
  minBillableMinutes: String(p.minBillableMinutes),
  telehealthAllowed: p.telehealthAllowed,
  audioOnlyAllowed: p.audioOnlyAllowed,
  timeZone: p.timeZone,
});

export function ProgramsPanel() {
  const t = useT(programMessages);
  const c = useT(commonMessages);
  const f = useFormat();
  const { state, reload } = useApi<Program[]>('/api/programs');
  const programs = dataOf(state);
  const { editing, form, save, open, close, field, check } = useEditor(EMPTY, formOf);
  const [notice, setNotice] = useNotice();
  const labels = {
    name: t('name'),
    weeklyHoursRequired: t('weeklyHours'),
    billingCode: t('billingCode'),
    minBillableMinutes: t('minBillable'),
    timeZone: t('timeZone'),
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
        : request<Program>(`/api/programs/${encodeURIComponent(editing.item.id)}`, {
            method: 'PATCH',
            body,
          }),
    );
    if (!saved) return;
    close();
    setNotice(
      editing.kind === 'new'
        ? t('createdProgram', { name: saved.name })
        : t('updated', { name: saved.name }),
    );
    reload();
  };

  return (
    <section aria-labelledby="programs-heading" className="admin-panel">
      <PanelHead
        id="programs-heading"
        heading={t('programsHeading')}
        addLabel={t('addProgram')}
        onAdd={() => open({ kind: 'new' })}
        testId="add-program"
      />
      <p className="hint">{t('noDeactivate')}</p>
      <NoticeLine text={notice} />
      <ListStatus
        state={state}
        reload={reload}
        rows={3}
        empty={<p className="hint">{t('noPrograms')}</p>}
      />
      {programs && programs.length > 0 && (
        <DataTable
          label={t('programsTable')}
          testId="programs-table"
          columns={[t('name'), t('billingCode'), t('rules'), t('timeZone'), c('actions')]}
        >
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
              <RowActions name={p.name} onEdit={() => open({ kind: 'edit', item: p })} />
            </tr>
          ))}
        </DataTable>
      )}

      <FormDialog
        open={editing !== null}
        onOpenChange={(o) => !o && close()}
        title={
          editing?.kind === 'edit' ? t('editProgram', { name: editing.item.name }) : t('addProgram')
        }
        submitLabel={editing?.kind === 'edit' ? c('save') : t('addProgram')}
        mutation={save.mutation}
        fieldLabels={labels}
        onSubmit={() => void submit()}
        testId="program-dialog"
      >
        <TextField id="program-name" label={labels.name} {...field('name')} required />
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
            {...field('weeklyHoursRequired')}
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
            {...field('minBillableMinutes')}
            required
          />
        </div>
        <TextField
          id="program-billing-code"
          label={labels.billingCode}
          hint={t('billingCodeHint')}
          {...field('billingCode')}
          required
        />
        <ZoneField id="program-zone" label={labels.timeZone} {...field('timeZone')} />
        <CheckboxField
          id="program-telehealth"
          label={t('telehealth')}
          {...check('telehealthAllowed')}
        />
        <CheckboxField
          id="program-audio-only"
          label={t('audioOnly')}
          hint={t('audioOnlyHint')}
          {...check('audioOnlyAllowed')}
        />
      </FormDialog>
    </section>
  );
}
