import type { ReactNode } from 'react';
import { Select } from 'radix-ui';
import { useT } from '../../../i18n';
import { commonMessages } from './messages';
import type { Problem } from './problems';
import { zoneOptions } from './states';

interface FieldProps {
  id: string;
  label: string;
  /** A translated sentence: what is wrong with the value. */
  error?: string | null | undefined;
  hint?: string | undefined;
  required?: boolean | undefined;
  className?: string | undefined;
}

/** The ids that describe a field: its hint and its error. */
const describedBy = (id: string, hint?: string, error?: string | null) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

function FieldFrame({
  id,
  label,
  error,
  hint,
  required,
  className,
  children,
}: FieldProps & { children: ReactNode }) {
  const t = useT(commonMessages);
  return (
    <div className={`admin-field${error ? ' admin-field--invalid' : ''} ${className ?? ''}`}>
      <label htmlFor={id}>
        {label}
        {!required && <span className="admin-field__optional"> {t('optional')}</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="admin-field__hint">
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p id={`${id}-error`} className="admin-field__error">
          {error}
        </p>
      )}
    </div>
  );
}

interface TextFieldProps extends FieldProps {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'number' | 'date' | 'time' | 'tel';
  autoComplete?: string;
  min?: number | string;
  max?: number | string;
  step?: number | string;
  inputMode?: 'numeric' | 'decimal' | 'email' | 'tel' | 'text';
  list?: string;
}

export function TextField(props: TextFieldProps) {
  const { id, value, onChange, type = 'text', error, hint, required } = props;
  return (
    <FieldFrame {...props}>
      <input
        id={id}
        name={id}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        autoComplete={props.autoComplete ?? 'off'}
        {...(props.min !== undefined ? { min: props.min } : {})}
        {...(props.max !== undefined ? { max: props.max } : {})}
        {...(props.step !== undefined ? { step: props.step } : {})}
        {...(props.inputMode ? { inputMode: props.inputMode } : {})}
        {...(props.list ? { list: props.list } : {})}
      />
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

interface SelectFieldProps extends FieldProps {
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
  placeholder?: string;
  disabled?: boolean;
}

/** A labelled Radix select; an empty value shows the placeholder. */
export function SelectField(props: SelectFieldProps) {
  const t = useT(commonMessages);
  const { id, value, onChange, options, error, hint, required, disabled } = props;
  return (
    <FieldFrame {...props}>
      <Select.Root
        value={value}
        onValueChange={onChange}
        {...(required ? { required: true } : {})}
        {...(disabled ? { disabled: true } : {})}
      >
        <Select.Trigger
          id={id}
          className="admin-select"
          data-testid={`select-${id}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
        >
          <Select.Value placeholder={props.placeholder ?? t('selectPlaceholder')} />
          <Select.Icon className="admin-select__icon" aria-hidden="true">
            ▾
          </Select.Icon>
        </Select.Trigger>
        <Select.Portal>
          <Select.Content className="admin-select__content" position="popper" sideOffset={4}>
            <Select.ScrollUpButton className="admin-select__scroll" aria-hidden="true">
              ▴
            </Select.ScrollUpButton>
            <Select.Viewport className="admin-select__viewport">
              {options.map((o) => (
                <Select.Item key={o.value} value={o.value} className="admin-select__item">
                  <Select.ItemText>{o.label}</Select.ItemText>
                  <Select.ItemIndicator className="admin-select__check" aria-hidden="true">
                    ✓
                  </Select.ItemIndicator>
                </Select.Item>
              ))}
            </Select.Viewport>
            <Select.ScrollDownButton className="admin-select__scroll" aria-hidden="true">
              ▾
            </Select.ScrollDownButton>
          </Select.Content>
        </Select.Portal>
      </Select.Root>
    </FieldFrame>
  );
}

interface CheckboxFieldProps {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
}

export function CheckboxField({ id, label, checked, onChange, hint }: CheckboxFieldProps) {
  return (
    <div className="admin-check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="admin-field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** The translated hint for `field` when the last request rejected it. */
export function useFieldError(problem: Problem | null): (field: string) => string | null {
  const t = useT(commonMessages);
  return (field) => {
    const hint = problem?.fields[field];
    return hint ? t(hint) : null;
  };
}

/** A required time-zone select that always offers the current zone. */
export function ZoneField(props: Omit<SelectFieldProps, 'options' | 'required'>) {
  return (
    <SelectField
      {...props}
      options={zoneOptions(props.value).map((z) => ({ value: z, label: z }))}
      required
    />
  );
}
