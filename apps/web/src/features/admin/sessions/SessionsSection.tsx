import { useState, type FormEvent } from 'react';
import { useT } from '../../../i18n';
import { Link } from '../../../router/Link';
import { adminHref } from '../../../router/routes';
import { commonMessages } from '../common/messages';
import { addDays, anyZoneWindow, checkRange, localIsoDate, onDates } from '../common/dates';
import { dataOf, query, useApi } from '../common/data';
import { SelectField, TextField } from '../common/fields';
import { useFormat } from '../common/format';
import { DataTable, ListStatus } from '../common/listParts';
import {
  PURPOSES,
  type Group,
  type Program,
  type Purpose,
  type Session,
  type SessionStatus,
  type StaffMember,
} from '../common/types';
import { sessionMessages } from './messages';
import { RosterDialog } from './RosterDialog';

const ALL = 'all';
const STATUSES: SessionStatus[] = ['scheduled', 'open', 'live', 'ended'];
const NO_GROUPS: Group[] = [];
const NO_STAFF: StaffMember[] = [];
const NO_PROGRAMS: Program[] = [];

interface Draft {
  from: string;
  to: string;
  groupId: string;
  status: string;
  purpose: Purpose;
}

/** Each session is dated in its own zone: ask for the dates in any zone, keep by its own. */
const pathOf = (d: Draft): string =>
  `/api/sessions${query({
    ...anyZoneWindow(d.from, d.to),
    groupId: d.groupId === ALL ? null : d.groupId,
    status: d.status === ALL ? null : d.status,
  })}`;

export function SessionsSection() {
  const t = useT(sessionMessages);
  const c = useT(commonMessages);
  const f = useFormat();
  const today = localIsoDate(new Date());
  const [draft, setDraft] = useState<Draft>({
    from: addDays(today, -14),
    to: addDays(today, 14),
    groupId: ALL,
    status: ALL,
    purpose: 'operations',
  });
  const [applied, setApplied] = useState<Draft>(draft);
  const [rangeShown, setRangeShown] = useState(false);
  const rangeProblem = checkRange(draft.from, draft.to);
  const { state, reload } = useApi<Session[]>(pathOf(applied));
  const groups = dataOf(useApi<Group[]>('/api/groups').state) ?? NO_GROUPS;
  const staff = dataOf(useApi<StaffMember[]>('/api/staff').state) ?? NO_STAFF;
  const programs = dataOf(useApi<Program[]>('/api/programs').state) ?? NO_PROGRAMS;
  const [roster, setRoster] = useState<Session | null>(null);

  // A session's times are its group's, or for an individual session its program's.
  const zoneOf = (s: Session) =>
    groups.find((g) => g.id === s.groupId)?.timeZone ??
    programs.find((p) => p.id === s.programId)?.timeZone;
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const sessions = dataOf(state)?.filter((s) =>
    onDates(s.startsAt, zoneOf(s) ?? browserZone, applied.from, applied.to),
  );
  const groupName = (id: string | null) => groups.find((g) => g.id === id)?.name ?? '—';
  const encrypted = (s: Session) => s.e2ee || groups.some((g) => g.id === s.groupId && g.e2ee);
  const staffName = (id: string) =>
    staff.find((m) => m.id === id)?.displayName ?? c('unknownPerson');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRangeShown(true);
    if (!rangeProblem) setApplied(draft);
  };

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="admin-intro">{t('intro')}</p>
      <form
        className="admin-filters"
        onSubmit={submit}
        noValidate
        aria-labelledby="sessions-filters"
      >
        <h2 id="sessions-filters" className="admin-filters__title">
          {t('filtersHeading')}
        </h2>
        <div className="admin-filters__grid">
          <TextField
            id="sessions-from"
            label={t('from')}
            type="date"
            value={draft.from}
            onChange={(from) => setDraft({ ...draft, from })}
            error={rangeShown && rangeProblem ? c(`range.${rangeProblem}`) : null}
            required
          />
          <TextField
            id="sessions-to"
            label={t('to')}
            type="date"
            value={draft.to}
            onChange={(to) => setDraft({ ...draft, to })}
            required
          />
          <SelectField
            id="sessions-group"
            label={t('group')}
            value={draft.groupId}
            onChange={(groupId) => setDraft({ ...draft, groupId })}
            options={[
              { value: ALL, label: t('anyGroup') },
              ...groups.map((g) => ({ value: g.id, label: g.name })),
            ]}
            required
          />
          <SelectField
            id="sessions-status"
            label={t('status')}
            value={draft.status}
            onChange={(status) => setDraft({ ...draft, status })}
            options={[
              { value: ALL, label: t('anyStatus') },
              ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
            ]}
            required
          />
          <SelectField
            id="sessions-purpose"
            label={t('rosterPurpose')}
            value={draft.purpose}
            onChange={(purpose) => setDraft({ ...draft, purpose: purpose as Purpose })}
            options={PURPOSES.map((p) => ({ value: p, label: c(`purpose.${p}`) }))}
            required
          />
        </div>
        <div className="admin-filters__actions">
          <button type="submit" className="primary" data-testid="sessions-show">
            {t('show')}
          </button>
        </div>
      </form>
      <section aria-labelledby="sessions-heading" className="admin-panel">
        <h2 id="sessions-heading" className="visually-hidden">
          {t('table')}
        </h2>
        <ListStatus
          state={state}
          reload={reload}
          rows={5}
          empty={
            <p className="hint admin-empty">
              {t('noSessions')} <Link href={adminHref('programs')}>{t('createLink')}</Link>
            </p>
          }
        />
        {sessions && sessions.length > 0 && (
          <DataTable
            label={t('table')}
            testId="sessions-table"
            columns={[t('when'), t('session'), t('group'), t('lead'), t('status'), c('actions')]}
          >
            {sessions.map((s) => (
              <tr key={s.id} data-session-id={s.id}>
                <td>{f.dateTime(s.startsAt, zoneOf(s))}</td>
                <th scope="row">
                  {s.title}
                  {encrypted(s) && <span className="admin-badge">{t('e2ee')}</span>}
                </th>
                <td>{groupName(s.groupId)}</td>
                <td>{staffName(s.leadClinicianId)}</td>
                <td>
                  <span className={`admin-badge admin-badge--${s.status}`}>
                    {t(`status.${s.status}`)}
                  </span>
                </td>
                <td className="admin-table__actions">
                  <button type="button" onClick={() => setRoster(s)} data-testid="open-roster">
                    {t('attendance')}
                    <span className="visually-hidden">
                      {' '}
                      · {s.title} {f.dateTime(s.startsAt, zoneOf(s))}
                    </span>
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <RosterDialog
        session={roster}
        // The purpose as chosen now: the roster is read for it, whether or not the list was.
        purpose={draft.purpose}
        timeZone={roster ? zoneOf(roster) : undefined}
        onClose={() => setRoster(null)}
      />
    </>
  );
}
