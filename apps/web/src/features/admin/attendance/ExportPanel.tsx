import { useEffect, useState, type FormEvent } from 'react';
import { useT } from '../../../i18n';
import { Link } from '../../../router/Link';
import { adminHref } from '../../../router/routes';
import { commonMessages } from '../common/messages';
import { exportWindow } from '../common/dates';
import { downloadFile, query, useMutation } from '../common/data';
import { CheckboxField, SelectField } from '../common/fields';
import { useFormat } from '../common/format';
import { ProblemNotice } from '../common/ui';
import { PURPOSES, type Program, type Purpose } from '../common/types';
import type { Filters } from './filters';
import { attendanceMessages } from './messages';

interface Props {
  filters: Filters;
  programs: readonly Program[];
  names: { program: string | null; group: string | null; patient: string | null };
}

type Format = 'csv' | 'fhir';

/** The browser's zone, for exports across programs that do not share one. */
const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Export path and file name for the filters; the instants bound the dates in the program's zone. */
export function exportRequest(
  filters: Filters,
  purpose: Purpose,
  format: Format,
  timeZone: string,
): { path: string; filename: string } {
  const span = exportWindow(filters.from, filters.to, timeZone);
  const file = format === 'csv' ? 'export.csv' : 'export.fhir.json';
  const path = `/api/attendance/${file}${query({
    purpose,
    from: span.from,
    to: span.to,
    programId: filters.programId,
    groupId: filters.groupId,
    patientId: filters.patientId,
  })}`;
  const filename = `haven-attendance-${filters.from}-to-${filters.to}.${format === 'csv' ? 'csv' : 'fhir.json'}`;
  return { path, filename };
}

/** CSV or FHIR export; the purpose is asked every time, since the export is a disclosure. */
export function ExportPanel({ filters, programs, names }: Props) {
  const t = useT(attendanceMessages);
  const c = useT(commonMessages);
  const f = useFormat();
  const [purpose, setPurpose] = useState<Purpose | ''>('');
  const [format, setFormat] = useState<Format>('csv');
  const [consent, setConsent] = useState(false);
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const exporting = useMutation();
  const needsConsent = purpose === 'court_order_with_consent';
  const purposeError = tried && !purpose ? t('purposeMissing') : null;
  // A consent covers one patient: it is asked again for another, and never for everyone.
  useEffect(() => setConsent(false), [filters.patientId]);
  const consentError =
    !tried || !needsConsent
      ? null
      : !filters.patientId
        ? t('consentOnePatient')
        : !consent
          ? t('consentMissing')
          : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setDone(null);
    const consented = !needsConsent || (consent && filters.patientId !== null);
    if (!purpose || !consented || exporting.mutation.status === 'busy') return;
    const zone = programs.find((p) => p.id === filters.programId)?.timeZone ?? browserZone();
    const { path, filename } = exportRequest(filters, purpose, format, zone);
    const ok = await exporting.run(async () => {
      await downloadFile(path, filename);
      return true;
    });
    if (ok) {
      setDone(t('exported', { purpose: c(`purpose.${purpose}`) }));
      setTried(false);
    }
  };

  return (
    <section aria-labelledby="export-heading" className="admin-export">
      <h2 id="export-heading">{t('exportHeading')}</h2>
      <p className="admin-disclosure">{t('exportIntro')}</p>
      <h3>{t('exportScope')}</h3>
      <ul className="admin-plain-list" data-testid="export-scope">
        <li>{t('scopeProgram', { name: names.program ?? t('anyProgram') })}</li>
        <li>{t('scopeGroup', { name: names.group ?? t('anyGroup') })}</li>
        <li>{t('scopePatient', { name: names.patient ?? t('anyPatient') })}</li>
        <li>{t('scopeDates', { from: f.date(filters.from), to: f.date(filters.to) })}</li>
      </ul>
      <form
        onSubmit={(e) => void submit(e)}
        noValidate
        className="admin-form"
        data-testid="export-form"
      >
        <SelectField
          id="export-purpose"
          label={t('exportPurpose')}
          hint={t('exportPurposeHint')}
          value={purpose}
          onChange={(p) => setPurpose(p as Purpose)}
          options={PURPOSES.map((p) => ({ value: p, label: c(`purpose.${p}`) }))}
          error={purposeError}
          required
        />
        <fieldset className="admin-fieldset">
          <legend>{t('format')}</legend>
          {(['csv', 'fhir'] as const).map((value) => (
            <div className="admin-check" key={value}>
              <input
                id={`export-format-${value}`}
                type="radio"
                name="export-format"
                value={value}
                checked={format === value}
                onChange={() => setFormat(value)}
              />
              <label htmlFor={`export-format-${value}`}>
                {value === 'csv' ? t('formatCsv') : t('formatFhir')}
              </label>
            </div>
          ))}
        </fieldset>
        {needsConsent && (
          <div className={consentError ? 'admin-field--invalid' : undefined}>
            <CheckboxField
              id="export-consent"
              label={t('consent')}
              checked={consent}
              onChange={setConsent}
            />
            {consentError && <p className="admin-field__error">{consentError}</p>}
          </div>
        )}
        {exporting.mutation.status === 'failed' && (
          <ProblemNotice problem={exporting.mutation.problem} />
        )}
        <div>
          <button
            type="submit"
            className="primary"
            data-testid="export-submit"
            aria-disabled={exporting.mutation.status === 'busy' || undefined}
          >
            {exporting.mutation.status === 'busy' ? t('exporting') : t('exportButton')}
          </button>
        </div>
        <p role="status" className="admin-notice" data-testid="export-status">
          {exporting.mutation.status === 'busy' ? t('exporting') : done}
          {done && exporting.mutation.status !== 'busy' && (
            <>
              {' '}
              <Link href={adminHref('audit')}>{t('seeAudit')}</Link>
            </>
          )}
        </p>
      </form>
    </section>
  );
}
