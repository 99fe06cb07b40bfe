import { z } from 'zod';

/** Two-letter codes of US states, DC and territories: licences and emergencies are per state. */
// prettier-ignore
export const US_STATES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA',
  'KS', 'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM',
  'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA',
  'WV', 'WI', 'WY', 'PR', 'VI', 'GU', 'AS', 'MP',
] as const;
export const UsState = z.enum(US_STATES);
export type UsState = z.infer<typeof UsState>;

/**
 * The check-in a patient answers before entering the waiting room: where they are
 * (for emergencies and licensure), whether they can talk privately, whom to call today,
 * and agreement to the group's rules. Stored with the session's attendance.
 */
export const CheckIn = z.object({
  location: z.string().trim().min(1).max(200),
  state: UsState,
  atHome: z.boolean(),
  privatePlace: z.boolean(),
  emergencyContact: z.object({
    name: z.string().trim().min(1).max(120),
    phone: z.string().trim().min(3).max(40),
  }),
  agreedToRules: z.literal(true),
});
export type CheckIn = z.infer<typeof CheckIn>;
