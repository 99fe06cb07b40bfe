import type { CheckIn } from '@haven/protocol';
import { isStateCode } from './states';

/** The check-in form as typed, before validation. */
export interface CheckInDraft {
  location: string;
  state: string;
  atHome: '' | 'yes' | 'no';
  privatePlace: '' | 'yes' | 'no';
  contactName: string;
  contactPhone: string;
  agreedToRules: boolean;
}

export type CheckInField = keyof CheckInDraft;

/** Field order on the page: the first field with a problem gets the focus. */
export const CHECK_IN_FIELDS: readonly CheckInField[] = [
  'location',
  'state',
  'atHome',
  'privatePlace',
  'contactName',
  'contactPhone',
  'agreedToRules',
];

export type CheckInProblem = 'required' | 'tooLong' | 'phone' | 'choose' | 'agree';

export type CheckInResult =
  | { ok: true; value: CheckIn }
  | { ok: false; problems: Partial<Record<CheckInField, CheckInProblem>> };

export const emptyDraft = (): CheckInDraft => ({
  location: '',
  state: '',
  atHome: '',
  privatePlace: '',
  contactName: '',
  contactPhone: '',
  agreedToRules: false,
});

/** The protocol's limits (packages/protocol checkin.ts). */
export const MAX_LOCATION = 200;
export const MAX_NAME = 120;
export const MAX_PHONE = 40;

const PHONE_CHARS = /^[0-9+()\-.\s]+$/;

/** A phone number someone could dial: digits with the usual separators, 7 to 15 digits. */
export function phoneProblem(raw: string): CheckInProblem | null {
  const phone = raw.trim();
  if (!phone) return 'required';
  if (phone.length > MAX_PHONE) return 'tooLong';
  const digits = phone.replace(/\D/g, '').length;
  return PHONE_CHARS.test(phone) && digits >= 7 && digits <= 15 ? null : 'phone';
}

function text(value: string, max: number): CheckInProblem | null {
  const trimmed = value.trim();
  if (!trimmed) return 'required';
  return trimmed.length > max ? 'tooLong' : null;
}

/** Checks the draft against what the server accepts, and says what is wrong with each field. */
export function validateCheckIn(draft: CheckInDraft): CheckInResult {
  const problems: Partial<Record<CheckInField, CheckInProblem>> = {};
  const note = (field: CheckInField, problem: CheckInProblem | null) => {
    if (problem) problems[field] = problem;
  };
  note('location', text(draft.location, MAX_LOCATION));
  note('state', isStateCode(draft.state) ? null : 'choose');
  note('atHome', draft.atHome ? null : 'choose');
  note('privatePlace', draft.privatePlace ? null : 'choose');
  note('contactName', text(draft.contactName, MAX_NAME));
  note('contactPhone', phoneProblem(draft.contactPhone));
  note('agreedToRules', draft.agreedToRules ? null : 'agree');
  if (Object.keys(problems).length > 0 || !isStateCode(draft.state)) return { ok: false, problems };
  return {
    ok: true,
    value: {
      location: draft.location.trim(),
      state: draft.state,
      atHome: draft.atHome === 'yes',
      privatePlace: draft.privatePlace === 'yes',
      emergencyContact: { name: draft.contactName.trim(), phone: draft.contactPhone.trim() },
      agreedToRules: true,
    },
  };
}

/** The first field with a problem, in page order. */
export const firstProblem = (
  problems: Partial<Record<CheckInField, CheckInProblem>>,
): CheckInField | null => CHECK_IN_FIELDS.find((f) => problems[f]) ?? null;
