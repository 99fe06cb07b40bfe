import { useState } from 'react';
import { request, useMutation } from './data';
import { useFieldError } from './fields';

/** What a form dialog is working on: a new record, an existing one, or nothing. */
export type Editing<T> = { kind: 'new' } | { kind: 'edit'; item: T } | null;

type KeysOf<F, V> = { [K in keyof F]: F[K] extends V ? K : never }[keyof F];

/** Props for the fields of a form held in one state value. */
export function bindFields<F>(
  form: F,
  setForm: (form: F) => void,
  fieldError: (field: string) => string | null,
) {
  /** The value, change handler and error of a text-like field. */
  const field = (key: KeysOf<F, string>) => ({
    value: form[key] as string,
    onChange: (value: string) => setForm({ ...form, [key]: value }),
    error: fieldError(String(key)),
  });
  /** The state and change handler of a checkbox. */
  const check = (key: KeysOf<F, boolean>) => ({
    checked: form[key] as boolean,
    onChange: (value: boolean) => setForm({ ...form, [key]: value }),
  });
  return { field, check };
}

/** A form dialog's state: what is being edited, the form values and the save request. */
export function useEditor<T, F>(empty: F, formOf: (item: T) => F) {
  const [editing, setEditing] = useState<Editing<T>>(null);
  const [form, setForm] = useState<F>(empty);
  const save = useMutation();
  const fieldError = useFieldError(
    save.mutation.status === 'failed' ? save.mutation.problem : null,
  );

  const open = (next: Editing<T>) => {
    save.reset();
    setForm(next?.kind === 'edit' ? formOf(next.item) : empty);
    setEditing(next);
  };
  const close = () => setEditing(null);

  const { field, check } = bindFields(form, setForm, fieldError);

  return { editing, form, setForm, save, fieldError, open, close, field, check };
}

interface Toggleable {
  id: string;
  active: boolean;
}

/** Asks, then flips a record's `active` flag with a PATCH to `path/:id`. */
export function useActiveToggle<T extends Toggleable>(path: string, onDone: (item: T) => void) {
  const [toggling, setToggling] = useState<T | null>(null);
  const toggle = useMutation();

  const start = (item: T) => {
    toggle.reset();
    setToggling(item);
  };

  const confirm = async () => {
    if (!toggling) return;
    const done = await toggle.run(() =>
      request<T>(`${path}/${encodeURIComponent(toggling.id)}`, {
        method: 'PATCH',
        body: { active: !toggling.active },
      }),
    );
    if (!done) return;
    onDone(toggling);
    setToggling(null);
  };

  return { toggling, setToggling, mutation: toggle.mutation, start, confirm };
}

/** Active records first, then by name. */
export const byActiveThenName = <T extends { active: boolean; displayName: string }>(a: T, b: T) =>
  Number(b.active) - Number(a.active) || a.displayName.localeCompare(b.displayName);
