import { ApiError } from '../../../api/client';
import type { CommonKey } from './messages';

/**
 * A failed request, read for people: the server's stable code, a known sentence when the
 * server's message is one we can say better (and in Spanish), and the fields a
 * BAD_REQUEST names, each with a hint. Pure, so the reading is tested on its own.
 */
export interface Problem {
  code: string;
  known: CommonKey | null;
  /** Field name (the request body's) to the hint that explains what it needs. */
  fields: Record<string, CommonKey>;
  /** The server's own words, kept when nothing more specific applies. */
  detail: string | null;
}

const KNOWN: Record<string, CommonKey> = {
  'a staff user with this email already exists': 'known.staffEmailTaken',
  'the patient is already enrolled in this group': 'known.alreadyEnrolled',
  'the group already has a session starting at that time': 'known.slotTaken',
  'the range ends before it starts': 'known.rangeOrder',
  'the range is too long': 'known.rangeTooLong',
  'at most a year of weeks at a time.': 'known.rangeTooLong',
  'from < to, at most 400 days apart': 'known.rangeTooLong',
  'an enrollment cannot end before it starts': 'known.enrollmentEndsBeforeStart',
  'lead clinician not found': 'known.leadUnknown',
  'enrollment not found': 'known.enrollmentNotFound',
  'this patient is not enrolled in the group.': 'known.notEnrolled',
  'unknown time zone': 'known.unknownTimeZone',
};

const FIELD_HINTS: Record<string, CommonKey> = {
  email: 'field.email',
  contactEmail: 'field.email',
  password: 'field.password',
  displayName: 'field.name',
  legalName: 'field.name',
  name: 'field.name',
  title: 'field.name',
  emergencyContactName: 'field.name',
  contactPhone: 'field.phone',
  emergencyContactPhone: 'field.phone',
  stateOfResidence: 'field.state',
  weeklyHoursRequired: 'field.hours',
  minBillableMinutes: 'field.minBillable',
  billingCode: 'field.billingCode',
  timeZone: 'field.timeZone',
  weekdays: 'field.weekdays',
  startTime: 'field.time',
  durationMinutes: 'field.duration',
  startDate: 'field.date',
  endDate: 'field.date',
  from: 'field.date',
  to: 'field.date',
  role: 'field.choose',
  leadClinicianId: 'field.choose',
  patientId: 'field.choose',
  programId: 'field.choose',
  groupId: 'field.choose',
  userIds: 'field.choose',
  purpose: 'field.choose',
};

/** The fields named in "Invalid request (email: ...; weekdays.0: ...)". */
export function invalidFields(message: string): string[] {
  const m = /^Invalid request \((.*)\)$/s.exec(message.trim());
  if (!m?.[1]) return [];
  const names = m[1]
    .split('; ')
    .map((part) => part.split(':')[0]?.split('.')[0]?.trim() ?? '')
    .filter((name) => name && name !== 'payload');
  return [...new Set(names)];
}

export function readProblem(code: string, message: string): Problem {
  const known = KNOWN[message.trim().toLowerCase()] ?? null;
  const fields: Record<string, CommonKey> = {};
  for (const name of invalidFields(message)) fields[name] = FIELD_HINTS[name] ?? 'field.generic';
  if (known === 'known.unknownTimeZone') fields['timeZone'] = 'field.timeZone';
  const specific = known !== null || Object.keys(fields).length > 0;
  const wordy = code === 'BAD_REQUEST' || code === 'CONFLICT';
  return { code, known, fields, detail: wordy && !specific && message ? message : null };
}

/** Anything a request threw, as a Problem; null for an abort, which is no failure. */
export function toProblem(err: unknown): Problem | null {
  if (err instanceof DOMException && err.name === 'AbortError') return null;
  if (err instanceof ApiError) return readProblem(err.code, err.message);
  if (err instanceof Error && err.message === 'signed out')
    return readProblem('UNAUTHENTICATED', '');
  return readProblem('INTERNAL', '');
}

/** The codes whose admin wording differs from the sentences written for patients. */
export const ADMIN_WORDING: ReadonlySet<string> = new Set([
  'BAD_REQUEST',
  'CONFLICT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED',
  'DISCONNECTED',
]);

const CODE_KEYS = new Set<string>([
  'BAD_REQUEST',
  'CONFLICT',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED',
  'INVALID_STATE',
  'SESSION_ENDED',
  'RATE_LIMITED',
  'DISCONNECTED',
  'INTERNAL',
]);

/** The message key for a code's sentence; unknown codes read as INTERNAL. */
export const codeKey = (code: string): CommonKey =>
  (CODE_KEYS.has(code) ? `error.${code}` : 'error.INTERNAL') as CommonKey;
