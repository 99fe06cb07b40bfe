import { useEffect, useState } from 'react';
import { useT } from '../../../i18n';
import { commonMessages } from '../common/messages';
import { request, useMutation } from '../common/data';
import { bindFields } from '../common/editor';
import { FormDialog } from '../common/dialogs';
import { CheckboxField, SelectField, TextField, ZoneField, useFieldError } from '../common/fields';
import type { Group, Program, StaffMember } from '../common/types';
import { programMessages } from './messages';
import { toggleWeekday } from './schedule';

interface GroupFormState {
  programId: string;
  name: string;
  leadClinicianId: string;
  weekdays: number[];
  startTime: string;
  durationMinutes: string;
  timeZone: string;
  e2ee: boolean;
}

export type GroupEditing = { kind: 'new' } | { kind: 'edit'; group: Group } | null;

interface Props {
  editing: GroupEditing;
  onClose: () => void;
  onSaved: (group: Group, created: boolean) => void;
  programs: readonly Program[];
  staff: readonly StaffMember[];
}

const initial = (editing: GroupEditing, programs: readonly Program[]): GroupFormState => {
  if (editing?.kind === 'edit') {
    const g = editing.group;
    return {
      programId: g.programId,
      name: g.name,
      leadClinicianId: g.leadClinicianId,
      weekdays: g.weekdays,
      startTime: g.startTime,
      durationMinutes: String(g.durationMinutes),
      timeZone: g.timeZone,
      e2ee: g.e2ee,
    };
  }
  const first = programs.length === 1 ? programs[0] : undefined;
  return {
    programId: first?.id ?? '',
    name: '',
    leadClinicianId: '',
    weekdays: [],
    startTime: '18:00',
    durationMinutes: '180',
    timeZone: first?.timeZone ?? 'America/New_York',
    e2ee: false,
  };
};

/** Adds or edits a group: its program, lead clinician and weekly schedule. */
export function GroupForm({ editing, onClose, onSaved, programs, staff }: Props) {
  const t = useT(programMessages);
  const c = useT(commonMessages);
  const [form, setForm] = useState<GroupFormState>(() => initial(editing, programs));
  const save = useMutation();
  const fieldError = useFieldError(
    save.mutation.status === 'failed' ? save.mutation.problem : null,
  );
  const { field } = bindFields(form, setForm, fieldError);
  const { reset } = save;

  // A fresh form each time the dialog opens for another group (or a new one), not when
  // the lists behind it reload.
  useEffect(() => {
    setForm(initial(editing, programs));
    reset();
  }, [editing]);

  const labels = {
    programId: t('program'),
    name: t('groupName'),
    leadClinicianId: t('lead'),
    weekdays: t('meetsOn'),
    startTime: t('startTime'),
    durationMinutes: t('duration'),
    timeZone: t('timeZone'),
    e2ee: t('e2ee'),
  };
  const leads = staff
    .filter((s) => s.active || s.id === form.leadClinicianId)
    .sort((a, b) =>
      a.role === b.role
        ? a.displayName.localeCompare(b.displayName)
        : a.role === 'clinician'
          ? -1
          : 1,
    )
    .map((s) => ({ value: s.id, label: `${s.displayName} (${t(`leadRole.${s.role}`)})` }));

  const submit = async () => {
    if (!editing) return;
    const duration = form.durationMinutes.trim() === '' ? undefined : Number(form.durationMinutes);
    const common = {
      name: form.name,
      leadClinicianId: form.leadClinicianId || undefined,
      weekdays: form.weekdays,
      startTime: form.startTime,
      durationMinutes: duration,
      timeZone: form.timeZone,
      e2ee: form.e2ee,
    };
    const saved = await save.run(() =>
      editing.kind === 'new'
        ? request<Group>('/api/groups', {
            method: 'POST',
            body: { programId: form.programId || undefined, ...common },
          })
        : request<Group>(`/api/groups/${encodeURIComponent(editing.group.id)}`, {
            method: 'PATCH',
            body: common,
          }),
    );
    if (saved) onSaved(saved, editing.kind === 'new');
  };

  const weekdaysError = fieldError('weekdays');
  return (
    <FormDialog
      open={editing !== null}
      onOpenChange={(o) => !o && onClose()}
      title={
        editing?.kind === 'edit' ? t('editGroup', { name: editing.group.name }) : t('addGroup')
      }
      submitLabel={editing?.kind === 'edit' ? c('save') : t('addGroup')}
      mutation={save.mutation}
      fieldLabels={labels}
      onSubmit={() => void submit()}
      testId="group-dialog"
    >
      <SelectField
        id="group-program"
        label={labels.programId}
        value={form.programId}
        onChange={(programId) => {
          const zone = programs.find((p) => p.id === programId)?.timeZone;
          setForm({ ...form, programId, ...(zone ? { timeZone: zone } : {}) });
        }}
        options={programs.map((p) => ({ value: p.id, label: p.name }))}
        error={fieldError('programId')}
        disabled={editing?.kind === 'edit'}
        required
      />
      <TextField id="group-name" label={labels.name} {...field('name')} required />
      <SelectField
        id="group-lead"
        label={labels.leadClinicianId}
        {...field('leadClinicianId')}
        options={leads}
        required
      />
      <fieldset
        className={`admin-fieldset${weekdaysError ? ' admin-field--invalid' : ''}`}
        aria-describedby={weekdaysError ? 'group-weekdays-error' : undefined}
      >
        <legend>{labels.weekdays}</legend>
        <div className="admin-weekdays">
          {[1, 2, 3, 4, 5, 6, 7].map((day) => (
            <label key={day} className="admin-weekday">
              <input
                type="checkbox"
                checked={form.weekdays.includes(day)}
                onChange={() => setForm({ ...form, weekdays: toggleWeekday(form.weekdays, day) })}
                data-testid={`weekday-${day}`}
              />
              <span aria-hidden="true">{t(`weekdayShort.${day}` as 'weekdayShort.1')}</span>
              <span className="visually-hidden">{t(`weekday.${day}` as 'weekday.1')}</span>
            </label>
          ))}
        </div>
        {weekdaysError && (
          <p id="group-weekdays-error" className="admin-field__error">
            {weekdaysError}
          </p>
        )}
      </fieldset>
      <div className="admin-form__row">
        <TextField
          id="group-start"
          label={labels.startTime}
          type="time"
          {...field('startTime')}
          required
        />
        <TextField
          id="group-duration"
          label={labels.durationMinutes}
          hint={t('durationHint')}
          type="number"
          min={15}
          max={720}
          step={5}
          inputMode="numeric"
          {...field('durationMinutes')}
          required
        />
      </div>
      <ZoneField id="group-zone" label={labels.timeZone} {...field('timeZone')} />
      <CheckboxField
        id="group-e2ee"
        label={labels.e2ee}
        hint={t('e2eeHint')}
        checked={form.e2ee}
        onChange={(e2ee) => setForm({ ...form, e2ee })}
      />
    </FormDialog>
  );
}
