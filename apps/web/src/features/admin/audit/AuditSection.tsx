import { useState, type FormEvent } from 'react';
import { useT } from '../../../i18n';
import { commonMessages } from '../common/messages';
import { dataOf, query, useApi, type Loadable } from '../common/data';
import { SelectField, TextField } from '../common/fields';
import { useFormat } from '../common/format';
import { Loading, ProblemNotice, Skeleton, TableWrap } from '../common/ui';
import type { AuditEntry, AuditVerification, StaffMember } from '../common/types';
import { AuditRows } from './AuditRows';
import { auditMessages } from './messages';
import { anchorOf, auditWindow, hasNewer, hasOlder, windowEntries } from './paging';
import { KNOWN_ACTIONS } from './describe';

const ANYONE = 'anyone';
const NO_STAFF: StaffMember[] = [];

interface Filter {
  action: string;
  actorId: string;
}

/** The audit trail: whether its hash chain verifies, then its entries newest first. */
export function AuditSection() {
  const t = useT(auditMessages);
  const c = useT(commonMessages);
  const verify = useApi<AuditVerification>('/api/audit/verify');
  const staff = dataOf(useApi<StaffMember[]>('/api/staff').state) ?? NO_STAFF;
  const [draft, setDraft] = useState<Filter>({ action: '', actorId: ANYONE });
  const [filter, setFilter] = useState<Filter>(draft);
  const [index, setIndex] = useState(0);
  const verification = verify.state.status === 'ready' ? verify.state.data : null;
  const filtered = filter.action.trim() !== '' || filter.actorId !== ANYONE;
  const anchor = verification ? anchorOf(verification) : null;
  const head = verification?.ok ? (verification.head?.seq ?? 0) : null;
  const win = anchor === null ? null : auditWindow(anchor, index, filtered);
  const path =
    win === null
      ? null
      : `/api/audit${query({
          afterSeq: win.afterSeq,
          limit: win.limit,
          action: filter.action.trim() || null,
          actorId: filter.actorId === ANYONE ? null : filter.actorId,
        })}`;
  const list = useApi<AuditEntry[]>(path);
  const entries = dataOf(list.state);
  const shown = entries && win ? windowEntries(entries, win) : null;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter(draft);
    setIndex(0);
  };
  const recheck = () => {
    setIndex(0);
    verify.reload();
  };

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="admin-intro">{t('intro')}</p>
      <VerificationBanner state={verify.state} onRecheck={recheck} />

      <form className="admin-filters" onSubmit={apply} noValidate aria-labelledby="audit-filters">
        <h2 id="audit-filters" className="admin-filters__title">
          {t('filtersHeading')}
        </h2>
        <div className="admin-filters__grid">
          <TextField
            id="audit-action"
            label={t('action')}
            hint={t('actionHint')}
            value={draft.action}
            onChange={(action) => setDraft({ ...draft, action })}
            list="audit-actions"
          />
          <datalist id="audit-actions">
            {KNOWN_ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
          <SelectField
            id="audit-actor"
            label={t('actor')}
            value={draft.actorId}
            onChange={(actorId) => setDraft({ ...draft, actorId })}
            options={[
              { value: ANYONE, label: t('anyone') },
              ...staff.map((s) => ({ value: s.id, label: s.displayName })),
            ]}
            required
          />
        </div>
        <div className="admin-filters__actions">
          <button type="submit" className="primary" data-testid="audit-apply">
            {t('apply')}
          </button>
          {filtered && (
            <button
              type="button"
              onClick={() => {
                const cleared = { action: '', actorId: ANYONE };
                setDraft(cleared);
                setFilter(cleared);
                setIndex(0);
              }}
            >
              {t('clear')}
            </button>
          )}
        </div>
      </form>

      <section aria-labelledby="audit-table-heading" className="admin-panel">
        <h2 id="audit-table-heading">{t('table')}</h2>
        {list.state.status === 'error' && (
          <ProblemNotice problem={list.state.problem} onRetry={list.reload} />
        )}
        {verify.state.status === 'loading' || (!entries && list.state.status === 'loading') ? (
          <Skeleton rows={6} />
        ) : null}
        {win && shown && (
          <>
            <p className="hint" data-testid="audit-range">
              {t('range', { from: win.afterSeq + 1, to: win.upTo })}
            </p>
            {shown.length === 0 ? (
              <p className="hint admin-empty">
                {filtered
                  ? t('noMatches', { from: win.afterSeq + 1, to: win.upTo })
                  : t('noEntries')}
              </p>
            ) : (
              <TableWrap label={t('table')}>
                <table className="admin-table admin-table--compact" data-testid="audit-table">
                  <caption className="visually-hidden">{t('table')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('seq')}</th>
                      <th scope="col">{t('when')}</th>
                      <th scope="col">{t('who')}</th>
                      <th scope="col">{t('what')}</th>
                      <th scope="col">{t('target')}</th>
                      <th scope="col">{t('details')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <AuditRows
                      entries={shown}
                      staff={staff}
                      brokenSeq={
                        verification && !verification.ok ? verification.firstBrokenSeq : null
                      }
                    />
                  </tbody>
                </table>
              </TableWrap>
            )}
            <nav aria-label={t('pageLabel')} className="admin-pager">
              <button type="button" onClick={() => setIndex(0)} disabled={index === 0}>
                {t('newest')}
              </button>
              <button
                type="button"
                onClick={() => setIndex(index - 1)}
                disabled={!entries || !hasNewer(win, head, entries)}
                data-testid="audit-newer"
              >
                ← {t('newer')}
              </button>
              <button
                type="button"
                onClick={() => setIndex(index + 1)}
                disabled={!hasOlder(win)}
                data-testid="audit-older"
              >
                {t('older')} →
              </button>
            </nav>
            {list.state.status === 'loading' && <Loading label={c('refreshing')} />}
          </>
        )}
      </section>
    </>
  );
}

function VerificationBanner({
  state,
  onRecheck,
}: {
  state: Loadable<AuditVerification>;
  onRecheck: () => void;
}) {
  const t = useT(auditMessages);
  const f = useFormat();
  if (state.status === 'loading' || state.status === 'idle') {
    return (
      <div
        className="admin-verify admin-verify--checking"
        data-testid="audit-verify"
        data-state="checking"
      >
        <Loading label={t('verifying')} />
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div
        className="admin-verify admin-verify--broken"
        data-testid="audit-verify"
        data-state="error"
      >
        <p className="admin-verify__title">{t('verifyFailed')}</p>
        <ProblemNotice problem={state.problem} onRetry={onRecheck} />
      </div>
    );
  }
  const v = state.data;
  return v.ok ? (
    <div
      className="admin-verify admin-verify--ok"
      role="status"
      data-testid="audit-verify"
      data-state="verified"
    >
      <p className="admin-verify__title">
        <span aria-hidden="true">✓ </span>
        {t('verifiedTitle')}
      </p>
      <p>
        {v.head
          ? t('verifiedBody', { count: f.number(v.count), seq: v.head.seq })
          : t('verifiedEmpty')}
      </p>
      <button type="button" onClick={onRecheck}>
        {t('verifyAgain')}
      </button>
    </div>
  ) : (
    <div
      className="admin-verify admin-verify--broken"
      role="alert"
      data-testid="audit-verify"
      data-state="broken"
    >
      <p className="admin-verify__title">
        <span aria-hidden="true">⚠ </span>
        {t('brokenTitle')}
      </p>
      <p>{t('brokenBody', { seq: v.firstBrokenSeq, reason: v.reason })}</p>
      <button type="button" onClick={onRecheck}>
        {t('verifyAgain')}
      </button>
    </div>
  );
}
