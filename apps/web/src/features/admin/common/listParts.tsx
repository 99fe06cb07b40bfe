import type { ReactNode } from 'react';
import { useT } from '../../../i18n';
import { commonMessages } from './messages';
import { dataOf, type Loadable, type Mutation } from './data';
import { ConfirmDialog } from './dialogs';
import { ProblemNotice, Skeleton, TableWrap } from './ui';

interface PanelHeadProps {
  id: string;
  heading: string;
  addLabel: string;
  onAdd: () => void;
  testId: string;
}

/** A panel's heading with its "Add …" button. */
export function PanelHead({ id, heading, addLabel, onAdd, testId }: PanelHeadProps) {
  return (
    <div className="admin-panel__head">
      <h2 id={id}>{heading}</h2>
      <button type="button" className="primary" onClick={onAdd} data-testid={testId}>
        {addLabel}
      </button>
    </div>
  );
}

interface ListStatusProps<T> {
  state: Loadable<T[]>;
  reload: () => void;
  rows: number;
  /** The records left to show, when they differ from the loaded ones. */
  shown?: readonly T[] | null;
  empty: ReactNode;
}

/** What went wrong, the loading placeholder, or the empty-list message. */
export function ListStatus<T>({ state, reload, rows, shown, empty }: ListStatusProps<T>) {
  const items = dataOf(state);
  const list = shown === undefined ? items : shown;
  return (
    <>
      {state.status === 'error' && <ProblemNotice problem={state.problem} onRetry={reload} />}
      {!items && state.status === 'loading' && <Skeleton rows={rows} />}
      {items && list && list.length === 0 && empty}
    </>
  );
}

interface RowActionsProps {
  name: string;
  onEdit: () => void;
  active?: boolean;
  onToggle?: () => void;
}

/** A row's Edit and Deactivate / Reactivate buttons, each naming the row. */
export function RowActions({ name, onEdit, active, onToggle }: RowActionsProps) {
  const c = useT(commonMessages);
  return (
    <td className="admin-table__actions">
      <button type="button" onClick={onEdit}>
        {c('edit')}
        <span className="visually-hidden"> {name}</span>
      </button>
      {onToggle && (
        <button type="button" onClick={onToggle}>
          {active ? c('deactivate') : c('reactivate')}
          <span className="visually-hidden"> {name}</span>
        </button>
      )}
    </td>
  );
}

interface ToggleDialogProps<T> {
  toggler: {
    toggling: T | null;
    setToggling: (item: T | null) => void;
    mutation: Mutation;
    confirm: () => Promise<void>;
  };
  nameOf: (item: T) => string;
  title: (active: boolean, name: string) => string;
  description: (active: boolean, name: string) => string;
}

/** Asks before deactivating or reactivating a record. */
export function ToggleDialog<T extends { active: boolean }>(props: ToggleDialogProps<T>) {
  const c = useT(commonMessages);
  const { toggling, setToggling, mutation, confirm } = props.toggler;
  const active = toggling?.active ?? false;
  const name = toggling ? props.nameOf(toggling) : '';
  return (
    <ConfirmDialog
      open={toggling !== null}
      onOpenChange={(o) => !o && setToggling(null)}
      title={props.title(active, name)}
      description={props.description(active, name)}
      confirmLabel={active ? c('deactivate') : c('reactivate')}
      danger={active}
      mutation={mutation}
      onConfirm={() => void confirm()}
    />
  );
}

interface DataTableProps {
  label: string;
  testId: string;
  columns: readonly ReactNode[];
  children: ReactNode;
}

/** A captioned, scrollable admin table with one header row; `children` are its body rows. */
export function DataTable({ label, testId, columns, children }: DataTableProps) {
  return (
    <TableWrap label={label}>
      <table className="admin-table" data-testid={testId}>
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableWrap>
  );
}
