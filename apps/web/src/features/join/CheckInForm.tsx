import type { CheckIn } from '@haven/protocol';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useT } from '../../i18n';
import {
  MAX_LOCATION,
  MAX_NAME,
  MAX_PHONE,
  firstProblem,
  validateCheckIn,
  type CheckInDraft,
  type CheckInField,
  type CheckInProblem,
} from './checkIn';
import { checkInMessages } from './checkInMessages';
import { STATE_CODES, stateName, stateNames } from './states';
import { useFocusOnMount } from '../session/useFocusOnMount';

type Key = keyof typeof checkInMessages.en;
type Problems = Partial<Record<CheckInField, CheckInProblem>>;

const PROBLEM_TEXT: Record<CheckInProblem, Key> = {
  required: 'problemRequired',
  tooLong: 'problemTooLong',
  phone: 'problemPhone',
  choose: 'problemChoose',
  agree: 'problemAgree',
};

/** The element to focus for a field: its input, or the first option of a yes/no question. */
const focusTarget = (field: CheckInField): string =>
  field === 'atHome' || field === 'privatePlace' ? `checkin-${field}-yes` : `checkin-${field}`;

interface FieldProps {
  field: CheckInField;
  label: string;
  hint?: string;
  problem: CheckInProblem | undefined;
  children: (aria: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => ReactNode;
}

/** A labelled field with its hint and, once the form was sent, what is wrong with it. */
function Field({ field, label, hint, problem, children }: FieldProps) {
  const t = useT(checkInMessages);
  const id = `checkin-${field}`;
  const described = [hint && `${id}-hint`, problem && `${id}-problem`].filter(Boolean).join(' ');
  return (
    <div className={problem ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {children({ id, 'aria-invalid': !!problem, 'aria-describedby': described || undefined })}
      {problem && (
        <p id={`${id}-problem`} className="field__problem">
          {t(PROBLEM_TEXT[problem])}
        </p>
      )}
    </div>
  );
}

/** A yes/no question as two native radio buttons: arrow keys move between the answers. */
function YesNo(props: {
  field: 'atHome' | 'privatePlace';
  label: string;
  hint?: string;
  value: '' | 'yes' | 'no';
  problem: CheckInProblem | undefined;
  onChange: (value: 'yes' | 'no') => void;
}) {
  const t = useT(checkInMessages);
  const id = `checkin-${props.field}`;
  const described = [props.hint && `${id}-hint`, props.problem && `${id}-problem`]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={props.problem ? 'field field--invalid' : 'field'}>
      <p id={`${id}-label`} className="field__label">
        {props.label}
      </p>
      <div
        className="yes-no"
        role="radiogroup"
        aria-labelledby={`${id}-label`}
        aria-describedby={described || undefined}
        aria-required
        aria-invalid={!!props.problem}
        data-testid={id}
      >
        {(['yes', 'no'] as const).map((answer) => (
          <div key={answer} className="choice choice--inline">
            <input
              type="radio"
              name={id}
              id={`${id}-${answer}`}
              value={answer}
              className="radio"
              checked={props.value === answer}
              onChange={() => props.onChange(answer)}
            />
            <label htmlFor={`${id}-${answer}`}>{t(answer)}</label>
          </div>
        ))}
      </div>
      {props.hint && (
        <p id={`${id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      {props.problem && (
        <p id={`${id}-problem`} className="field__problem">
          {t(PROBLEM_TEXT[props.problem])}
        </p>
      )}
    </div>
  );
}

export interface CheckInFormProps {
  draft: CheckInDraft;
  onDraft: (draft: CheckInDraft) => void;
  onSubmit: (checkIn: CheckIn) => void;
  onBack: () => void;
}

/** Where the patient is, whether they can talk, whom to call today, and the group rules. */
export function CheckInForm({ draft, onDraft, onSubmit, onBack }: CheckInFormProps) {
  const t = useT(checkInMessages);
  const tState = useT(stateNames);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [problems, setProblems] = useState<Problems | null>(null);
  const set = <K extends CheckInField>(field: K, value: CheckInDraft[K]) => {
    const next = { ...draft, [field]: value };
    onDraft(next);
    // Once shown, problems follow the answers, so a fixed field stops saying it is wrong.
    if (problems) {
      const result = validateCheckIn(next);
      setProblems(result.ok ? {} : result.problems);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateCheckIn(draft);
    if (result.ok) {
      onSubmit(result.value);
      return;
    }
    setProblems(result.problems);
    const first = firstProblem(result.problems);
    if (first) document.getElementById(focusTarget(first))?.focus();
  };

  const p = problems ?? {};
  const count = Object.keys(p).length;
  return (
    <form
      className="join-card check-in"
      onSubmit={submit}
      noValidate
      aria-labelledby="check-in-title"
      data-testid="check-in"
    >
      <h1 id="check-in-title" ref={heading} tabIndex={-1}>
        {t('title')}
      </h1>
      <p>{t('intro')}</p>
      <p className="hint">{t('required')}</p>
      {count > 0 && (
        <div className="callout callout--warn" role="alert" data-testid="check-in-problems">
          {count === 1 ? t('summaryOne') : t('summary', { count })}
        </div>
      )}
      <Field field="location" label={t('location')} hint={t('locationHint')} problem={p.location}>
        {(aria) => (
          <input
            {...aria}
            type="text"
            required
            autoComplete="off"
            maxLength={MAX_LOCATION}
            value={draft.location}
            onChange={(e) => set('location', e.target.value)}
          />
        )}
      </Field>
      <Field field="state" label={t('state')} problem={p.state}>
        {(aria) => (
          <select
            {...aria}
            required
            value={draft.state}
            onChange={(e) => set('state', e.target.value)}
          >
            <option value="">{t('statePlaceholder')}</option>
            {STATE_CODES.map((code) => (
              <option key={code} value={code}>
                {stateName(code, tState(code))}
              </option>
            ))}
          </select>
        )}
      </Field>
      <YesNo
        field="atHome"
        label={t('atHome')}
        value={draft.atHome}
        problem={p.atHome}
        onChange={(v) => set('atHome', v)}
      />
      <YesNo
        field="privatePlace"
        label={t('privatePlace')}
        hint={draft.privatePlace === 'no' ? t('privateHint') : undefined}
        value={draft.privatePlace}
        problem={p.privatePlace}
        onChange={(v) => set('privatePlace', v)}
      />
      <fieldset className="group">
        <legend>{t('contact')}</legend>
        <p className="hint">{t('contactHint')}</p>
        <Field field="contactName" label={t('contactName')} problem={p.contactName}>
          {(aria) => (
            <input
              {...aria}
              type="text"
              required
              autoComplete="off"
              maxLength={MAX_NAME}
              value={draft.contactName}
              onChange={(e) => set('contactName', e.target.value)}
            />
          )}
        </Field>
        <Field field="contactPhone" label={t('contactPhone')} problem={p.contactPhone}>
          {(aria) => (
            <input
              {...aria}
              type="tel"
              required
              inputMode="tel"
              autoComplete="off"
              maxLength={MAX_PHONE}
              value={draft.contactPhone}
              onChange={(e) => set('contactPhone', e.target.value)}
            />
          )}
        </Field>
      </fieldset>
      <fieldset className="group">
        <legend>{t('rules')}</legend>
        <ul className="rules">
          <li>{t('rule1')}</li>
          <li>{t('rule2')}</li>
          <li>{t('rule3')}</li>
        </ul>
        <div className={p.agreedToRules ? 'field field--invalid' : 'field'}>
          <div className="choice">
            <input
              type="checkbox"
              id="checkin-agreedToRules"
              className="checkbox"
              checked={draft.agreedToRules}
              onChange={(e) => set('agreedToRules', e.target.checked)}
              required
              aria-invalid={!!p.agreedToRules}
              aria-describedby={p.agreedToRules ? 'checkin-agreedToRules-problem' : undefined}
              data-testid="checkin-agree"
            />
            <label htmlFor="checkin-agreedToRules">{t('agree')}</label>
          </div>
          {p.agreedToRules && (
            <p id="checkin-agreedToRules-problem" className="field__problem">
              {t(PROBLEM_TEXT[p.agreedToRules])}
            </p>
          )}
        </div>
      </fieldset>
      <div className="actions">
        <button type="button" onClick={onBack}>
          {t('back')}
        </button>
        <button type="submit" className="primary" data-testid="check-in-submit">
          {t('submit')}
        </button>
      </div>
    </form>
  );
}
