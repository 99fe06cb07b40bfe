import { useT } from '../../../i18n';
import { commonMessages } from '../common/messages';
import { useFormat } from '../common/format';
import type { AuditEntry, StaffMember } from '../common/types';
import { actionKey, detailKey, detailValue, isDisclosure, shortId, targetKey } from './describe';
import { auditMessages } from './messages';

interface Props {
  entries: readonly AuditEntry[];
  staff: readonly StaffMember[];
  brokenSeq: number | null;
}

const ROLES = new Set(['admin', 'clinician', 'patient']);

export function AuditRows({ entries, staff, brokenSeq }: Props) {
  const t = useT(auditMessages);
  const c = useT(commonMessages);
  const f = useFormat();
  const who = (e: AuditEntry): string => {
    if (!e.actorId) return t('system');
    if (e.actorRole === 'patient') return `${t('patientActor')} ${shortId(e.actorId)}`;
    const name =
      staff.find((s) => s.id === e.actorId)?.displayName ??
      t('unknownStaff', { id: shortId(e.actorId) });
    return e.actorRole && ROLES.has(e.actorRole)
      ? `${name} (${t(`role.${e.actorRole}` as 'role.admin')})`
      : name;
  };
  return (
    <>
      {entries.map((e) => {
        const label = actionKey(e.action);
        const target = e.targetType ? targetKey(e.targetType) : null;
        const classes = [
          isDisclosure(e.action) ? 'admin-audit--disclosure' : '',
          e.seq === brokenSeq ? 'admin-audit--broken' : '',
        ].join(' ');
        return (
          <tr
            key={e.seq}
            className={classes.trim() || undefined}
            data-seq={e.seq}
            data-action={e.action}
          >
            <td>{e.seq}</td>
            <td>{f.dateTime(e.at)}</td>
            <td>{who(e)}</td>
            <th scope="row">
              {label ? t(label) : e.action}
              {label && (
                <>
                  <br />
                  <code className="admin-code">{e.action}</code>
                </>
              )}
              {e.seq === brokenSeq && (
                <strong className="admin-audit__broken">{t('brokenHere')}</strong>
              )}
            </th>
            <td>
              {e.targetType ? (
                <>
                  {target ? t(target) : e.targetType}{' '}
                  <code className="admin-code">{shortId(e.targetId ?? '')}</code>
                </>
              ) : (
                '—'
              )}
            </td>
            <td>
              {e.details && Object.keys(e.details).length > 0 ? (
                <dl className="admin-details">
                  {Object.entries(e.details).map(([key, raw]) => {
                    const name = detailKey(key);
                    const value = detailValue(key, raw);
                    return (
                      <div key={key}>
                        <dt>{name ? t(name) : key}</dt>
                        <dd data-detail={key}>
                          {value.kind === 'purpose' && c(`purpose.${value.value}`)}
                          {value.kind === 'instant' && f.dateTime(value.ms)}
                          {value.kind === 'boolean' && (value.value ? c('yes') : c('no'))}
                          {value.kind === 'text' && value.value}
                        </dd>
                      </div>
                    );
                  })}
                </dl>
              ) : (
                '—'
              )}
            </td>
          </tr>
        );
      })}
    </>
  );
}
