import { useId } from 'react';
import { useLocale, useT } from '../../../i18n';
import {
  ENDED_BY_KEY,
  MODIFIER_KEY,
  PLACE_KEY,
  clock,
  formatMinutes,
  isCorrected,
} from '../roster';
import type { RosterRow } from '../types';
import { rosterMessages } from './messages';

interface RosterTableProps {
  rows: readonly RosterRow[];
  timeZone: string;
  caption: string;
  onCorrect: (row: RosterRow) => void;
}

/** One line per stay: the figures a payer asks for, with the recorded figure beside a correction. */
export function RosterTable({ rows, timeZone, caption, onCorrect }: RosterTableProps) {
  const t = useT(rosterMessages);
  const locale = useLocale();
  const hintId = useId();
  if (rows.length === 0) return <p className="hint">{t('empty')}</p>;
  const yesNo = (v: boolean) => (v ? t('yes') : t('no'));
  return (
    <>
      <p id={hintId} className="hint roster-scroll-hint">
        {t('scrollHint')}
      </p>
      <div
        className="table-scroll"
        role="region"
        aria-label={caption}
        aria-describedby={hintId}
        tabIndex={0}
      >
        <table className="roster-table" data-testid="roster-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colName')}</th>
              <th scope="col">{t('colArrival')}</th>
              <th scope="col">{t('colAdmission')}</th>
              <th scope="col">{t('colPresent')}</th>
              <th scope="col">{t('colVideo')}</th>
              <th scope="col">{t('colAudio')}</th>
              <th scope="col">{t('colLate')}</th>
              <th scope="col">{t('colLeftEarly')}</th>
              <th scope="col">{t('colDrops')}</th>
              <th scope="col">{t('colEndedBy')}</th>
              <th scope="col">{t('colPlace')}</th>
              <th scope="col">{t('colModifier')}</th>
              <th scope="col">{t('colBillable')}</th>
              <th scope="col">{t('colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const s = row.summary;
              const corrected = isCorrected(row);
              return (
                <tr key={row.stayId} data-testid="roster-row" data-stay-id={row.stayId}>
                  <th scope="row">
                    <span className="roster-name">{row.displayName}</span>
                    {corrected && <span className="flag flag--warn">{t('correctedBadge')}</span>}
                  </th>
                  <td>{clock(s.arrival, locale, timeZone)}</td>
                  <td>{clock(s.admission, locale, timeZone)}</td>
                  <td data-testid="roster-present">
                    <span className="figure">{formatMinutes(s.minutesPresent)}</span>
                    {corrected && (
                      <span className="figure-original" data-testid="roster-original">
                        {t('ledger', { value: formatMinutes(row.original.minutesPresent) })}
                      </span>
                    )}
                  </td>
                  <td>{formatMinutes(s.minutesVideo)}</td>
                  <td>{formatMinutes(s.minutesAudioOnly)}</td>
                  <td>{formatMinutes(s.minutesLate)}</td>
                  <td>{yesNo(s.leftEarly)}</td>
                  <td>{s.drops}</td>
                  <td>
                    {t(ENDED_BY_KEY[s.endedBy])}
                    {s.removedReason && (
                      <span className="figure-original">
                        {t('removedReason', { reason: s.removedReason })}
                      </span>
                    )}
                  </td>
                  {row.subjectKind === 'patient' ? (
                    <>
                      <td>{s.placeOfService ? t(PLACE_KEY[s.placeOfService]) : t('none')}</td>
                      <td>{s.modifier ? t(MODIFIER_KEY[s.modifier]) : t('none')}</td>
                      <td>{yesNo(s.billable)}</td>
                    </>
                  ) : (
                    // Staff are not billed: no claim fields, as on the admin's roster and the export.
                    <>
                      <td>—</td>
                      <td>—</td>
                      <td>—</td>
                    </>
                  )}
                  <td>
                    <button
                      type="button"
                      onClick={() => onCorrect(row)}
                      aria-label={t('correctNamed', { name: row.displayName })}
                      data-testid="roster-correct"
                    >
                      {t('correct')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
