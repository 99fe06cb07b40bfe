import { useEffect, useState } from 'react';
import { dataOf, request, useApi } from '../common/data';
import type { EnrolledPatient, Group } from '../common/types';
import type { EnrollmentSpan } from './heatmap';

/**
 * The enrollments of each patient in the groups in view (one group, or all of a
 * program's), so weeks before a patient joined are not counted against them. Undefined
 * until known, or when they cannot be read: then every week counts.
 */
export function useEnrollmentSpans(
  programId: string | null,
  groupId: string | null,
): ReadonlyMap<string, EnrollmentSpan[]> | undefined {
  const groups = dataOf(useApi<Group[]>(programId && !groupId ? '/api/groups' : null).state);
  const ids = groupId
    ? [groupId]
    : programId && groups
      ? groups.filter((g) => g.programId === programId).map((g) => g.id)
      : null;
  const key = ids ? ids.join(',') : null;
  const [spans, setSpans] = useState<Map<string, EnrollmentSpan[]> | undefined>(undefined);

  useEffect(() => {
    setSpans(undefined);
    if (key === null) return;
    let current = true;
    const groupIds = key.split(',').filter(Boolean);
    Promise.all(
      groupIds.map((id) =>
        request<EnrolledPatient[]>(`/api/groups/${encodeURIComponent(id)}/enrollments`),
      ),
    ).then(
      (lists) => {
        if (!current) return;
        const map = new Map<string, EnrollmentSpan[]>();
        for (const e of lists.flat())
          map.set(e.patient.id, [
            ...(map.get(e.patient.id) ?? []),
            { startDate: e.startDate, endDate: e.endDate },
          ]);
        setSpans(map);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [key]);

  return spans;
}
