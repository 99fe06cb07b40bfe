import { z } from 'zod';

/** Who a verified token says someone is. Decided on the server, never taken from a payload. */
export const ROLES = ['patient', 'clinician', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const STAFF_ROLES = ['clinician', 'admin'] as const;
export const StaffRole = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof StaffRole>;
