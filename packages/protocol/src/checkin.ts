import { z } from 'zod';
import { US_STATES } from './states.js';
import { typedText } from './text.js';

export { US_STATES };

export const UsState = z.enum(US_STATES);
export type UsState = z.infer<typeof UsState>;

/**
 * The check-in a patient answers before entering the waiting room: where they are
 * (for emergencies and licensure), whether they can talk privately, whom to call today,
 * and agreement to the group's rules. Stored with the session's attendance.
 */
export const CheckIn = z.object({
  location: typedText(1, 200),
  state: UsState,
  atHome: z.boolean(),
  privatePlace: z.boolean(),
  emergencyContact: z.object({
    name: typedText(1, 120),
    phone: typedText(3, 40),
  }),
  agreedToRules: z.literal(true),
});
export type CheckIn = z.infer<typeof CheckIn>;
