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
