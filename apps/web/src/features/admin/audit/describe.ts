import { PURPOSES, type JsonValue, type Purpose } from '../common/types';
import type { AuditKey } from './messages';

/** The actions the server records, for the filter's suggestions and readable labels. */
export const KNOWN_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.refresh_reuse',
  'staff.create',
  'staff.update',
  'patient.list',
  'patient.view',
  'patient.create',
  'patient.update',
  'program.create',
  'program.update',
  'group.create',
  'group.update',
  'group.set_facilitators',
  'group.enroll',
  'group.unenroll',
  'group.generate_sessions',
  'session.create',
  'session.admit',
  'session.deny',
  'session.remove',
  'session.end',
  'session.step_out',
  'session.return',
  'session.send_to_waiting',
  'invite.create',
  'invite.revoke',
  'attendance.view_session',
  'attendance.view_patient_week',
  'attendance.view_patient_range',
  'attendance.view_program_week',
  'attendance.view_program_weeks',
  'attendance.signoff',
  'attendance.correct',
  'attendance.export_csv',
  'attendance.export_fhir',
  'audit.view',
  'audit.verify',
] as const;

const KNOWN = new Set<string>(KNOWN_ACTIONS);

/** The message key of an action's label, or null for an action this page does not know. */
export const actionKey = (action: string): AuditKey | null =>
  KNOWN.has(action) ? (`a.${action}` as AuditKey) : null;

/** Disclosures: the entries an auditor looks for first. */
export const isDisclosure = (action: string): boolean => action.startsWith('attendance.export_');

const TARGETS = new Set([
  'patient',
  'staff',
  'session',
  'group',
  'program',
  'participant',
  'stay',
  'invite',
]);
export const targetKey = (type: string): AuditKey | null =>
  TARGETS.has(type) ? (`target.${type}` as AuditKey) : null;

const DETAILS = new Set([
  'purpose',
  'rows',
  'patients',
  'patientIds',
  'count',
  'from',
  'to',
  'fields',
  'ok',
]);

/** Ids shown in a list of them; the rest are counted (an export may name hundreds). */
const IDS_SHOWN = 6;
export const detailKey = (key: string): AuditKey | null =>
  DETAILS.has(key) ? (`detail.${key}` as AuditKey) : null;

export type DetailValue =
  | { kind: 'purpose'; value: Purpose }
  | { kind: 'instant'; ms: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'text'; value: string };

/** Epoch milliseconds from 2001 on: an instant to show as a date, not a number. */
const isInstant = (key: string, value: JsonValue): value is number =>
  typeof value === 'number' && (key === 'from' || key === 'to' || key === 'at') && value > 1e12;

/** How to show one detail of an entry. */
export function detailValue(key: string, value: JsonValue): DetailValue {
  if (key === 'purpose' && (PURPOSES as readonly JsonValue[]).includes(value))
    return { kind: 'purpose', value: value as Purpose };
  if (isInstant(key, value)) return { kind: 'instant', ms: value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (/Ids?$/.test(key) && typeof value === 'string')
    return { kind: 'text', value: shortId(value) };
  if (/Ids$/.test(key) && Array.isArray(value)) {
    const shown = value.slice(0, IDS_SHOWN).map((v) => shortId(String(v)));
    const more = value.length - shown.length;
    return { kind: 'text', value: (shown.join(', ') || '—') + (more > 0 ? ` (+${more})` : '') };
  }
  if (value === null) return { kind: 'text', value: '—' };
  if (Array.isArray(value)) return { kind: 'text', value: value.map((v) => String(v)).join(', ') };
  if (typeof value === 'object') return { kind: 'text', value: JSON.stringify(value) };
  return { kind: 'text', value: String(value) };
}

/** The first characters of an id or hash: enough to tell entries apart on screen. */
export const shortId = (id: string, length = 8): string =>
  id.length > length ? `${id.slice(0, length)}…` : id;
