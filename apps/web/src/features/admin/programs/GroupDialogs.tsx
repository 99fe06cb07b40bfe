import { useEffect, useState } from 'react';
import { useT } from '../../../i18n';
import { Link } from '../../../router/Link';
import { adminHref } from '../../../router/routes';
import { commonMessages } from '../common/messages';
import { addDays, localIsoDate } from '../common/dates';
import { dataOf, request, useApi, useMutation } from '../common/data';
import { FormDialog, InfoDialog } from '../common/dialogs';
import { SelectField, TextField, useFieldError } from '../common/fields';
import { useFormat } from '../common/format';
import { DataTable, ListStatus } from '../common/listParts';
import { NoticeLine, useNotice } from '../common/Notice';
import { ProblemNotice } from '../common/ui';
import type { EnrolledPatient, Group, Patient, Session, StaffMember } from '../common/types';
import { programMessages } from './messages';

interface DialogProps {
  group: Group | null;
  onClose: () => void;
}

/** Chooses the clinicians who co-facilitate a group with its lead. */
export function FacilitatorsDialog({
  group,
  onClose,
  staff,
  onSaved,
}: DialogProps & { staff: readonly StaffMember[]; onSaved: (text: string) => void }) {
  const t = useT(programMessages);
  const save = useMutation();
  const [chosen, setChosen] = useState<string[]>([]);
  const { reset } = save;
  useEffect(() => {
    setChosen(group?.facilitatorIds ?? []);
    reset();
  }, [group, reset]);
  const candidates = staff.filter(
    (s) => s.id !== group?.leadClinicianId && (s.active || chosen.includes(s.id)),
  );
  const submit = async () => {
    if (!group) return;
    const done = await save.run(() =>
      request<string[]>(`/api/groups/${encodeURIComponent(group.id)}/facilitators`, {
        method: 'PUT',
        body: { userIds: chosen },
      }),
    );
    if (done) onSaved(t('facilitatorsSaved', { name: group.name }));
  };
  return (
    <FormDialog
      open={group !== null}
      onOpenChange={(o) => !o && onClose()}
      title={t('facilitatorsTitle', { name: group?.name ?? '' })}
      description={t('facilitatorsDescription')}
      submitLabel={t('editFacilitators')}
      mutation={save.mutation}
      onSubmit={() => void submit()}
      testId="facilitators-dialog"
    >
      <fieldset className="admin-fieldset">
        <legend>{t('facilitatorsLegend')}</legend>
        {candidates.length === 0 && <p className="hint">{t('noClinicians')}</p>}
        {candidates.map((s) => (
          <div className="admin-check" key={s.id}>
            <input
              id={`facilitator-${s.id}`}
              type="checkbox"
              checked={chosen.includes(s.id)}
              onChange={(e) =>
                setChosen(e.target.checked ? [...chosen, s.id] : chosen.filter((id) => id !== s.id))
              }
            />
            <label htmlFor={`facilitator-${s.id}`}>
              {s.displayName} ({t(`leadRole.${s.role}`)})
            </label>
          </div>
        ))}
      </fieldset>
    </FormDialog>
  );
}

/** Who is enrolled in a group; enroll another patient or end an enrollment. */
export function EnrollmentsDialog({ group, onClose }: DialogProps) {
  const t = useT(programMessages);
  const c = useT(commonMessages);
  const f = useFormat();
  const today = localIsoDate(new Date());
  const path = group ? `/api/groups/${encodeURIComponent(group.id)}/enrollments` : null;
  const { state, reload } = useApi<EnrolledPatient[]>(path);
  const patientsRead = useApi<Patient[]>(group ? '/api/patients' : null);
  const enrollments = dataOf(state);
  const patients = dataOf(patientsRead.state);
  const [patientId, setPatientId] = useState('');
  const [startDate, setStartDate] = useState(today);
  const [ending, setEnding] = useState<EnrolledPatient | null>(null);
  const [endDate, setEndDate] = useState(today);
  const enroll = useMutation();
  const end = useMutation();
  const [notice, setNotice] = useNotice();
  const enrollError = useFieldError(
    enroll.mutation.status === 'failed' ? enroll.mutation.problem : null,
  );
  const endError = useFieldError(end.mutation.status === 'failed' ? end.mutation.problem : null);

  useEffect(() => {
    setPatientId('');
    setEnding(null);
    setNotice(null);
  }, [group, setNotice]);

  const open = new Set(
    (enrollments ?? []).filter((e) => !e.endDate || e.endDate >= today).map((e) => e.patient.id),
  );
  const choices = (patients ?? [])
    .filter((p) => p.active && !open.has(p.id))
    .sort((a, b) => a.displayName.localeCompare(b.displayName))
    .map((p) => ({ value: p.id, label: `${p.displayName} (${p.legalName})` }));

  const submitEnroll = async () => {
    if (!group) return;
    const name = patients?.find((p) => p.id === patientId)?.displayName ?? '';
    const done = await enroll.run(() =>
      request(`/api/groups/${encodeURIComponent(group.id)}/enrollments`, {
        method: 'POST',
        body: { patientId: patientId || undefined, startDate },
      }),
    );
    if (!done) return;
    setPatientId('');
    setNotice(t('enrolled', { name }));
    reload();
  };

  const submitEnd = async () => {
    if (!group || !ending) return;
    const done = await end.run(() =>
      request(
        `/api/groups/${encodeURIComponent(group.id)}/enrollments/${encodeURIComponent(ending.patient.id)}/end`,
        { method: 'POST', body: { endDate } },
      ),
    );
    if (!done) return;
    setNotice(t('ended_ok', { name: ending.patient.displayName, date: f.date(endDate) }));
    setEnding(null);
    reload();
  };

  return (
    <InfoDialog
      open={group !== null}
      onOpenChange={(o) => !o && onClose()}
      title={t('enrollmentsTitle', { name: group?.name ?? '' })}
      description={t('enrollmentsDescription')}
      testId="enrollments-dialog"
    >
      <NoticeLine text={notice} />
      <ListStatus
        state={state}
        reload={reload}
        rows={3}
        empty={<p className="hint">{t('noEnrollments')}</p>}
      />
      {enrollments && enrollments.length > 0 && (
        <DataTable
          label={t('enrollmentsTable')}
          testId="enrollments-table"
          columns={[t('patient'), t('startDate'), c('status'), c('actions')]}
        >
          {enrollments.map((e) => (
            <tr key={e.patient.id}>
              <th scope="row">{e.patient.displayName}</th>
              <td>{f.date(e.startDate)}</td>
              <td>
                {e.endDate === null
                  ? t('ongoing')
                  : t(e.endDate >= today ? 'ends' : 'ended', { date: f.date(e.endDate) })}
              </td>
              <td className="admin-table__actions">
                {(e.endDate === null || e.endDate >= today) && (
                  <button
                    type="button"
                    onClick={() => {
                      end.reset();
                      setEndDate(e.endDate ?? today);
                      setEnding(e);
                    }}
                  >
                    {e.endDate === null ? t('endEnrollment') : t('changeEnd')}
                    <span className="visually-hidden"> {e.patient.displayName}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      {ending && (
        <form
          className="admin-inline-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submitEnd();
          }}
        >
          <h3>{t('endEnrollmentFor', { name: ending.patient.displayName })}</h3>
          {end.mutation.status === 'failed' && <ProblemNotice problem={end.mutation.problem} />}
          <TextField
            id="enrollment-end"
            label={t('endOn')}
            type="date"
            value={endDate}
            onChange={setEndDate}
            error={endError('endDate')}
            required
          />
          <div className="admin-inline-form__actions">
            <button type="button" onClick={() => setEnding(null)}>
              {c('cancel')}
            </button>
            <button
              type="submit"
              className="danger"
              aria-disabled={end.mutation.status === 'busy' || undefined}
            >
              {end.mutation.status === 'busy' ? c('saving') : t('endEnrollment')}
            </button>
          </div>
        </form>
      )}

      <form
        className="admin-inline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (enroll.mutation.status !== 'busy') void submitEnroll();
        }}
        data-testid="enroll-form"
      >
        <h3>{t('enrollHeading')}</h3>
        {enroll.mutation.status === 'failed' && (
          <ProblemNotice
            problem={enroll.mutation.problem}
            fieldLabels={{ patientId: t('patient'), startDate: t('startDate') }}
          />
        )}
        {patients && choices.length === 0 ? (
          <p className="hint">{t('noPatientsToEnroll')}</p>
        ) : (
          <>
            <SelectField
              id="enroll-patient"
              label={t('patient')}
              value={patientId}
              onChange={setPatientId}
              options={choices}
              error={enrollError('patientId')}
              required
            />
            <TextField
              id="enroll-start"
              label={t('startDate')}
              type="date"
              value={startDate}
              onChange={setStartDate}
              error={enrollError('startDate')}
              required
            />
            <div className="admin-inline-form__actions">
              <button
                type="submit"
                className="primary"
                aria-disabled={enroll.mutation.status === 'busy' || undefined}
              >
                {enroll.mutation.status === 'busy' ? c('saving') : t('enroll')}
              </button>
            </div>
          </>
        )}
      </form>
    </InfoDialog>
  );
}

/** Creates a group's sessions for a date range from its weekly schedule. */
export function GenerateDialog({
  group,
  onClose,
  schedule,
  onDone,
}: DialogProps & { schedule: string; onDone: (text: string) => void }) {
  const t = useT(programMessages);
  const today = localIsoDate(new Date());
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(addDays(today, 27));
  const save = useMutation();
  const fieldError = useFieldError(
    save.mutation.status === 'failed' ? save.mutation.problem : null,
  );
  const { reset } = save;
  useEffect(() => reset(), [group, reset]);
  const submit = async () => {
    if (!group) return;
    const created = await save.run(() =>
      request<Session[]>(`/api/groups/${encodeURIComponent(group.id)}/sessions`, {
        method: 'POST',
        body: { from, to },
      }),
    );
    if (created)
      onDone(
        created.length === 0
          ? t('generatedNone')
          : created.length === 1
            ? t('generatedOne')
            : t('generated', { count: created.length }),
      );
  };
  return (
    <FormDialog
      open={group !== null}
      onOpenChange={(o) => !o && onClose()}
      title={t('generateTitle', { name: group?.name ?? '' })}
      description={t('generateDescription', { schedule })}
      submitLabel={t('generate')}
      mutation={save.mutation}
      fieldLabels={{ from: t('from'), to: t('to') }}
      onSubmit={() => void submit()}
      testId="generate-dialog"
    >
      <div className="admin-form__row">
        <TextField
          id="generate-from"
          label={t('from')}
          type="date"
          value={from}
          onChange={setFrom}
          error={fieldError('from')}
          required
        />
        <TextField
          id="generate-to"
          label={t('to')}
          type="date"
          value={to}
          onChange={setTo}
          error={fieldError('to')}
          required
        />
      </div>
      <p className="hint">
        <Link href={adminHref('sessions')}>{t('viewSessions')}</Link>
      </p>
    </FormDialog>
  );
}
