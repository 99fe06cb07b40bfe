import { z } from 'zod';
import { StaffRole } from './roles.js';
import { UsState } from './checkin.js';
import { key, typedText } from './text.js';

/** Request bodies and queries of the HTTP API. Every route parses its input with one of these. */
const Id = key(64).pipe(z.string().min(1));
const Email = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());
const Name = typedText(1, 120);
const DATE_MESSAGE = 'a date as YYYY-MM-DD';
/** A calendar date, 'YYYY-MM-DD': 2024-02-29 is one, 2023-02-29 and 2024-13-40 are not. */
export const DateOnly = z
  .string()
  // A malformed string gets one issue, not a second from the calendar check.
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: DATE_MESSAGE, abort: true })
  .refine(isCalendarDate, DATE_MESSAGE);
/** The last instant of the year 9999: any later one cannot be shown as a date. */
const LAST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** An instant, milliseconds since 1970, that a calendar can show. */
export const Instant = z.number().int().min(0).max(LAST_INSTANT);
/** The same, from a query string. */
export const InstantParam = z.coerce.number().int().min(0).max(LAST_INSTANT);
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');
const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'an IANA time zone such as America/New_York');

/** Whether a YYYY-MM-DD string names a day of the (proleptic) Gregorian calendar. */
function isCalendarDate(date: string): boolean {
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const LoginBody = z.object({ email: Email, password: z.string().min(1).max(200) }).strict();
export type LoginBody = z.input<typeof LoginBody>;

export const Password = z.string().min(12, 'at least 12 characters').max(200);

export const CreateStaffBody = z
  .object({ email: Email, displayName: Name, role: StaffRole, password: Password })
  .strict();
export const UpdateStaffBody = z
  .object({ displayName: Name, role: StaffRole, active: z.boolean(), password: Password })
  .partial()
  .strict();

const Phone = typedText(3, 40);
export const CreatePatientBody = z
  .object({
    legalName: Name,
    displayName: Name.optional(),
    contactEmail: z.email().max(254).nullable().optional(),
    contactPhone: Phone.nullable().optional(),
    emergencyContactName: Name.nullable().optional(),
    emergencyContactPhone: Phone.nullable().optional(),
    stateOfResidence: UsState.nullable().optional(),
  })
  .strict();
export const UpdatePatientBody = CreatePatientBody.partial()
  .extend({ active: z.boolean().optional() })
  .strict();

export const CreateProgramBody = z
  .object({
    name: Name,
    weeklyHoursRequired: z.number().min(0).max(40),
    billingCode: typedText(1, 16),
    minBillableMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    telehealthAllowed: z.boolean().default(true),
    audioOnlyAllowed: z.boolean().default(false),
    timeZone: TimeZone.optional(),
  })
  .strict();
export const UpdateProgramBody = CreateProgramBody.partial()
  .extend({ active: z.boolean().optional() })
  .strict();

export const CreateGroupBody = z
  .object({
    programId: Id,
    name: Name,
    leadClinicianId: Id,
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    startTime: Time,
    durationMinutes: z
      .number()
      .int()
      .min(15)
      .max(12 * 60),
    timeZone: TimeZone,
    /** Every session of the group has end-to-end encrypted media. */
    e2ee: z.boolean().optional(),
  })
  .strict();
export const UpdateGroupBody = CreateGroupBody.omit({ programId: true })
  .partial()
  .extend({ active: z.boolean().optional() })
  .strict();
export const SetFacilitatorsBody = z.object({ userIds: z.array(Id).max(10) }).strict();
export const EnrollBody = z.object({ patientId: Id, startDate: DateOnly }).strict();
export const UnenrollBody = z.object({ endDate: DateOnly }).strict();
/** Patients: whole records, or (`fields=names`) only what a picker shows. */
export const PatientsQuery = z.object({ fields: z.literal('names').optional() }).strict();
/** A group's current enrollments; `ended=include` adds those that ended (discharges). */
export const EnrollmentsQuery = z.object({ ended: z.literal('include').optional() }).strict();
export const GenerateSessionsBody = z.object({ from: DateOnly, to: DateOnly }).strict();

export const CreateSessionBody = z
  .object({
    kind: z.enum(['group', 'individual']),
    programId: Id,
    groupId: Id.nullable().optional(),
    patientId: Id.nullable().optional(),
    leadClinicianId: Id,
    title: Name,
    startsAt: Instant.min(1),
    durationMinutes: z
      .number()
      .int()
      .min(5)
      .max(12 * 60),
    /** End-to-end encrypted media (a group's setting already covers its sessions). */
    e2ee: z.boolean().optional(),
  })
  .strict()
  .refine((s) => (s.kind === 'group' ? Boolean(s.groupId) : Boolean(s.patientId)), {
    message: 'a group session needs groupId, an individual session needs patientId',
  });

export const SessionQuery = z
  .object({
    from: InstantParam.optional(),
    to: InstantParam.optional(),
    groupId: Id.optional(),
    status: z.enum(['scheduled', 'open', 'live', 'ended']).optional(),
    mine: z.enum(['1', 'true']).optional(),
  })
  .strict();

export const CreateInviteBody = z
  .object({
    patientId: Id,
    expiresInHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(72),
  })
  .strict();
export const ExchangeInviteBody = z.object({ code: z.string().min(16).max(128) }).strict();
