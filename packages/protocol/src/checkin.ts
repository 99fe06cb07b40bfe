import { z } from 'zod';
import { US_STATES } from './states.js';

export { US_STATES };

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
