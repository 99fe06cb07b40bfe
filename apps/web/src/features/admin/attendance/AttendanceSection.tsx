import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Tabs } from 'radix-ui';
import { useT } from '../../../i18n';
import { commonMessages } from '../common/messages';
import { checkRange, localIsoDate, recentWeeks, zonedIsoDate } from '../common/dates';
import { dataOf, useApi } from '../common/data';
import { SelectField, TextField } from '../common/fields';
import { ProblemNotice } from '../common/ui';
import {
  PURPOSES,
  type EnrolledPatient,
  type Group,
  type PatientName,
  type Program,
  type Purpose,
} from '../common/types';
import { ExportPanel } from './ExportPanel';
import { GroupWeeks } from './GroupWeeks';
import { attendanceMessages } from './messages';
import { PatientWeeks } from './PatientWeeks';
import { stillEnrolled, type Filters } from './filters';

const ALL = 'all';
const NO_PROGRAMS: Program[] = [];
const NO_GROUPS: Group[] = [];
const NO_PATIENTS: PatientName[] = [];

interface Draft {
  programId: string;
  groupId: string;
  patientId: string;
  from: string;
  to: string;
  purpose: Purpose;
}

const toFilters = (d: Draft): Filters => ({
  programId: d.programId === ALL ? null : d.programId,
  groupId: d.groupId === ALL ? null : d.groupId,
  patientId: d.patientId === ALL ? null : d.patientId,
  from: d.from,
  to: d.to,
  purpose: d.purpose,
});

export function AttendanceSection() {
  const t = useT(attendanceMessages);
  const c = useT(commonMessages);
  const programs = dataOf(useApi<Program[]>('/api/programs').state) ?? NO_PROGRAMS;
  const groups = dataOf(useApi<Group[]>('/api/groups').state) ?? NO_GROUPS;
  // Names only: the page shows no legal name, contact or emergency detail.
  const patientsRead = useApi<PatientName[]>('/api/patients?fields=names');
  const patients = dataOf(patientsRead.state) ?? NO_PATIENTS;
  const [draft, setDraft] = useState<Draft>(() => ({
    programId: ALL,
    groupId: ALL,
    patientId: ALL,
    ...recentWeeks(localIsoDate(new Date()), 6),
    purpose: 'operations',
  }));
  const [applied, setApplied] = useState<Filters>(() => toFilters(draft));
  const enrolledRead = useApi<EnrolledPatient[]>(
    // Discharged patients too: their attendance in the group is still on record.
    draft.groupId !== ALL
      ? `/api/groups/${encodeURIComponent(draft.groupId)}/enrollments?ended=include`
      : null,
  );
  const enrolled = dataOf(enrolledRead.state);
  const [tab, setTab] = useState('patient');
  const [focusWeek, setFocusWeek] = useState<string | null>(null);
  const rangeProblem = checkRange(draft.from, draft.to);
  const [showRangeProblem, setShowRangeProblem] = useState(false);

  // A program narrows its groups; a group narrows the patients to those enrolled in it.
  const groupChoices = groups.filter(
    (g) => draft.programId === ALL || g.programId === draft.programId,
  );
  const patientChoices = useMemo(() => {
    const ids = enrolled ? new Set(enrolled.map((e) => e.patient.id)) : null;
    // Someone whose every enrollment in the group has ended is named as having left it; a
    // discharge planned for a later day (in the group's zone) has not happened yet.
    const zone = groups.find((g) => g.id === draft.groupId)?.timeZone;
    const today = zone ? zonedIsoDate(Date.now(), zone) : localIsoDate(new Date());
    const current = stillEnrolled(enrolled ?? [], today);
    return patients
      .filter((p) => !ids || ids.has(p.id))
      .map((p) => ({
        value: p.id,
        label: ids && !current.has(p.id) ? t('leftGroup', { name: p.displayName }) : p.displayName,
      }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [patients, enrolled, t, groups, draft.groupId]);

  // A patient who is not among the group's is no longer a choice: the filter would show
  // nothing chosen yet still narrow the attendance and the export to them.
  const chosenGone =
    enrolled !== undefined &&
    draft.patientId !== ALL &&
    !patientChoices.some((p) => p.value === draft.patientId);
  useEffect(() => {
    if (chosenGone) setDraft((d) => ({ ...d, patientId: ALL }));
  }, [chosenGone]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (rangeProblem) {
      setShowRangeProblem(true);
      return;
    }
    setShowRangeProblem(false);
    setFocusWeek(null);
    setApplied(toFilters(draft));
  };

  // A cell of the heatmap opens that patient's weeks with the filters the heatmap was
  // drawn with, not with whatever is half-edited in the form meanwhile.
  const openPatient = (patientId: string, weekStart: string) => {
    setDraft({ ...draft, patientId });
    setApplied({ ...applied, patientId });
    setFocusWeek(weekStart);
    setTab('patient');
  };

  const names = {
    program: (id: string | null) => programs.find((p) => p.id === id)?.name ?? null,
    group: (id: string | null) => groups.find((g) => g.id === id)?.name ?? null,
    patient: (id: string | null) => patients.find((p) => p.id === id)?.displayName ?? null,
  };

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="admin-intro">{t('intro')}</p>
      <form
        className="admin-filters"
        onSubmit={apply}
        noValidate
        aria-labelledby="attendance-filters"
      >
        <h2 id="attendance-filters" className="admin-filters__title">
          {t('filtersHeading')}
        </h2>
        <div className="admin-filters__grid">
          <SelectField
            id="filter-program"
            label={t('program')}
            value={draft.programId}
            onChange={(programId) => setDraft({ ...draft, programId, groupId: ALL })}
            options={[
              { value: ALL, label: t('anyProgram') },
              ...programs.map((p) => ({ value: p.id, label: p.name })),
            ]}
            required
          />
          <SelectField
            id="filter-group"
            label={t('group')}
            value={draft.groupId}
            onChange={(groupId) => {
              const group = groups.find((g) => g.id === groupId);
              setDraft({ ...draft, groupId, ...(group ? { programId: group.programId } : {}) });
            }}
            options={[
              { value: ALL, label: t('anyGroup') },
              ...groupChoices.map((g) => ({ value: g.id, label: g.name })),
            ]}
            required
          />
          <SelectField
            id="filter-patient"
            label={t('patient')}
            value={draft.patientId}
            onChange={(patientId) => setDraft({ ...draft, patientId })}
            options={[{ value: ALL, label: t('anyPatient') }, ...patientChoices]}
            required
          />
          <TextField
            id="filter-from"
            label={t('from')}
            type="date"
            value={draft.from}
            onChange={(from) => setDraft({ ...draft, from })}
            error={showRangeProblem && rangeProblem ? c(`range.${rangeProblem}`) : null}
            required
          />
          <TextField
            id="filter-to"
            label={t('to')}
            type="date"
            value={draft.to}
            onChange={(to) => setDraft({ ...draft, to })}
            required
          />
          <SelectField
            id="filter-purpose"
            label={t('viewPurpose')}
            hint={t('viewPurposeHint')}
            value={draft.purpose}
            onChange={(purpose) => setDraft({ ...draft, purpose: purpose as Purpose })}
            options={PURPOSES.map((p) => ({ value: p, label: c(`purpose.${p}`) }))}
            required
          />
        </div>
        <div className="admin-filters__actions">
          <button type="submit" className="primary" data-testid="attendance-show">
            {t('show')}
          </button>
        </div>
      </form>
      {patientsRead.state.status === 'error' && (
        <ProblemNotice problem={patientsRead.state.problem} onRetry={patientsRead.reload} />
      )}

      <Tabs.Root value={tab} onValueChange={setTab} className="admin-tabs">
        <Tabs.List aria-label={t('tabsLabel')} className="admin-tabs__list">
          <Tabs.Trigger
            value="patient"
            className="admin-tabs__trigger"
            data-testid="tab-patient-weeks"
          >
            {t('tabPatient')}
          </Tabs.Trigger>
          <Tabs.Trigger value="group" className="admin-tabs__trigger" data-testid="tab-group-weeks">
            {t('tabGroup')}
          </Tabs.Trigger>
          <Tabs.Trigger value="export" className="admin-tabs__trigger" data-testid="tab-export">
            {t('tabExport')}
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="patient" className="admin-tabs__panel">
          <PatientWeeks filters={applied} focusWeek={focusWeek} />
        </Tabs.Content>
        <Tabs.Content value="group" className="admin-tabs__panel">
          <GroupWeeks
            filters={applied}
            groupName={names.group(applied.groupId ?? null)}
            onOpenPatient={openPatient}
          />
        </Tabs.Content>
        <Tabs.Content value="export" className="admin-tabs__panel">
          <ExportPanel
            filters={applied}
            programs={programs}
            names={{
              program: names.program(applied.programId ?? null),
              group: names.group(applied.groupId ?? null),
              patient: names.patient(applied.patientId ?? null),
            }}
          />
        </Tabs.Content>
      </Tabs.Root>
    </>
  );
}
