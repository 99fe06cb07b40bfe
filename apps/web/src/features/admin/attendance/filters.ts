import type { Purpose } from '../common/types';

/** The attendance the admin asked to see: what "Show attendance" applied. */
export interface Filters {
  programId: string | null;
  groupId: string | null;
  patientId: string | null;
  /** Inclusive local dates, 'YYYY-MM-DD'. */
  from: string;
  to: string;
  purpose: Purpose;
}

/**
 * Who among a group's enrollments is still in it on `today`: no end, or an end that has
 * not passed (a discharge planned for a later day). The others have left the group.
 */
export function stillEnrolled(
  enrollments: readonly { patient: { id: string }; endDate: string | null }[],
  today: string,
): Set<string> {
  return new Set(
    enrollments.filter((e) => e.endDate === null || e.endDate >= today).map((e) => e.patient.id),
  );
}
