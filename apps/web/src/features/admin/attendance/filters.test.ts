import { describe, expect, it } from 'vitest';
import { stillEnrolled } from './filters';

const enrollment = (id: string, endDate: string | null) => ({ patient: { id }, endDate });

describe('who is still in a group', () => {
  it('counts a discharge planned for a later day as not yet happened', () => {
    const enrollments = [
      enrollment('ongoing', null),
      enrollment('planned', '2026-12-04'),
      enrollment('today', '2026-11-27'),
      enrollment('gone', '2026-11-20'),
    ];
    expect([...stillEnrolled(enrollments, '2026-11-27')].sort()).toEqual([
      'ongoing',
      'planned',
      'today',
    ]);
  });
});
