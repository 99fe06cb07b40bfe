import { useState } from 'react';
import { useT } from '../../../i18n';
import { commonMessages } from '../common/messages';
import { dataOf, request, useApi, useMutation } from '../common/data';
import { ConfirmDialog } from '../common/dialogs';
import { CheckboxField } from '../common/fields';
import { NoticeLine, useNotice } from '../common/Notice';
import { ActiveBadge, ProblemNotice, Skeleton } from '../common/ui';
import type { Group, Program, StaffMember } from '../common/types';
import { EnrollmentsDialog, FacilitatorsDialog, GenerateDialog } from './GroupDialogs';
import { GroupForm, type GroupEditing } from './GroupForm';
import { programMessages } from './messages';
import { weekdayList } from './schedule';

const NO_PROGRAMS: Program[] = [];
const NO_STAFF: StaffMember[] = [];

type Open = { kind: 'facilitators' | 'enrollments' | 'generate' | 'toggle'; group: Group } | null;

export function GroupsPanel() {
  const t = useT(programMessages);
  const c = useT(commonMessages);
  const groupsRead = useApi<Group[]>('/api/groups');
  const programsRead = useApi<Program[]>('/api/programs');
  const staffRead = useApi<StaffMember[]>('/api/staff');
  const groups = dataOf(groupsRead.state);
  const programs = dataOf(programsRead.state) ?? NO_PROGRAMS;
  const staff = dataOf(staffRead.state) ?? NO_STAFF;
  const [showInactive, setShowInactive] = useState(false);
  const [editing, setEditing] = useState<GroupEditing>(null);
  const [open, setOpen] = useState<Open>(null);
  const toggle = useMutation();
  const [notice, setNotice] = useNotice();

  const staffName = (id: string) =>
    staff.find((s) => s.id === id)?.displayName ?? c('unknownPerson');
  const schedule = (g: Group) =>
    t('schedule', {
      days: weekdayList(g.weekdays, (d) => t(`weekday.${d}` as 'weekday.1')),
      time: g.startTime,
      zone: g.timeZone,
      minutes: g.durationMinutes,
    });
  const programName = (id: string) => programs.find((p) => p.id === id)?.name ?? '';
  const visible = (groups ?? [])
    .filter((g) => showInactive || g.active)
    .sort(
      (a, b) =>
        programName(a.programId).localeCompare(programName(b.programId)) ||
        a.name.localeCompare(b.name),
    );
  const forKind = (kind: NonNullable<Open>['kind']) => (open?.kind === kind ? open.group : null);
  const close = () => setOpen(null);
  const problem =
    groupsRead.state.status === 'error'
      ? { problem: groupsRead.state.problem, retry: groupsRead.reload }
      : programsRead.state.status === 'error'
        ? { problem: programsRead.state.problem, retry: programsRead.reload }
        : staffRead.state.status === 'error'
          ? { problem: staffRead.state.problem, retry: staffRead.reload }
          : null;

  const confirmToggle = async () => {
    const group = forKind('toggle');
    if (!group) return;
    const done = await toggle.run(() =>
      request<Group>(`/api/groups/${encodeURIComponent(group.id)}`, {
        method: 'PATCH',
        body: { active: !group.active },
      }),
    );
    if (!done) return;
    setNotice(t('updated', { name: group.name }));
    close();
    groupsRead.reload();
  };
  const toggling = forKind('toggle');

  return (
    <section aria-labelledby="groups-heading" className="admin-panel">
      <div className="admin-panel__head">
        <h2 id="groups-heading">{t('groupsHeading')}</h2>
        <button
          type="button"
          className="primary"
          onClick={() => setEditing({ kind: 'new' })}
          disabled={programs.length === 0}
          data-testid="add-group"
        >
          {t('addGroup')}
        </button>
      </div>
      <CheckboxField
        id="groups-inactive"
        label={t('showInactive')}
        checked={showInactive}
        onChange={setShowInactive}
      />
      <NoticeLine text={notice} />
      {problem && <ProblemNotice problem={problem.problem} onRetry={problem.retry} />}
      {!groups && groupsRead.state.status === 'loading' && <Skeleton rows={4} />}
      {groups && visible.length === 0 && <p className="hint">{t('noGroups')}</p>}
      <ul className="admin-cards" data-testid="groups-list">
        {visible.map((g) => (
          <li key={g.id} className="admin-card" data-testid="group-card" data-group-name={g.name}>
            <div className="admin-card__head">
              <h3>{g.name}</h3>
              <ActiveBadge active={g.active} />
            </div>
            <dl className="admin-facts">
              <dt>{t('program')}</dt>
              <dd>{programName(g.programId)}</dd>
              <dt>{t('meetsOn')}</dt>
              <dd>
                {schedule(g)}
                {g.e2ee && ` · ${t('e2eeOn')}`}
              </dd>
              <dt>{t('lead')}</dt>
              <dd>{staffName(g.leadClinicianId)}</dd>
              <dt>{t('facilitators')}</dt>
              <dd>{(g.facilitatorIds ?? []).map(staffName).join(', ') || c('none')}</dd>
            </dl>
            <div className="admin-card__actions">
              <button type="button" onClick={() => setOpen({ kind: 'enrollments', group: g })}>
                {t('enrollments')}
                <span className="visually-hidden"> · {g.name}</span>
              </button>
              <button
                type="button"
                onClick={() => setOpen({ kind: 'generate', group: g })}
                disabled={!g.active}
              >
                {t('generate')}
                <span className="visually-hidden"> · {g.name}</span>
              </button>
              <button type="button" onClick={() => setOpen({ kind: 'facilitators', group: g })}>
                {t('editFacilitators')}
                <span className="visually-hidden"> · {g.name}</span>
              </button>
              <button type="button" onClick={() => setEditing({ kind: 'edit', group: g })}>
                {c('edit')}
                <span className="visually-hidden"> {g.name}</span>
              </button>
              <button
                type="button"
                onClick={() => {
                  toggle.reset();
                  setOpen({ kind: 'toggle', group: g });
                }}
              >
                {g.active ? c('deactivate') : c('reactivate')}
                <span className="visually-hidden"> {g.name}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>

      <GroupForm
        editing={editing}
        onClose={() => setEditing(null)}
        programs={programs}
        staff={staff}
        onSaved={(group, created) => {
          setEditing(null);
          setNotice(
            created ? t('createdGroup', { name: group.name }) : t('updated', { name: group.name }),
          );
          groupsRead.reload();
        }}
      />
      <EnrollmentsDialog group={forKind('enrollments')} onClose={close} />
      <FacilitatorsDialog
        group={forKind('facilitators')}
        onClose={close}
        staff={staff}
        onSaved={(text) => {
          close();
          setNotice(text);
          groupsRead.reload();
        }}
      />
      <GenerateDialog
        group={forKind('generate')}
        onClose={close}
        schedule={forKind('generate') ? schedule(forKind('generate') as Group) : ''}
        onDone={(text) => {
          close();
          setNotice(text);
        }}
      />
      <ConfirmDialog
        open={toggling !== null}
        onOpenChange={(o) => !o && close()}
        title={
          toggling?.active
            ? t('deactivateGroupTitle', { name: toggling.name })
            : t('reactivateGroupTitle', { name: toggling?.name ?? '' })
        }
        description={
          toggling?.active
            ? t('deactivateGroupBody', { name: toggling.name })
            : t('reactivateGroupBody', { name: toggling?.name ?? '' })
        }
        confirmLabel={toggling?.active ? c('deactivate') : c('reactivate')}
        danger={toggling?.active ?? false}
        mutation={toggle.mutation}
        onConfirm={() => void confirmToggle()}
      />
    </section>
  );
}
