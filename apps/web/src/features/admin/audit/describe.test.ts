import { describe, expect, it } from 'vitest';
import { actionKey, detailValue, isDisclosure, shortId, targetKey } from './describe';

describe('describing audit entries', () => {
  it('labels known actions and leaves others as they are', () => {
    expect(actionKey('attendance.export_csv')).toBe('a.attendance.export_csv');
    expect(actionKey('something.new')).toBeNull();
    expect(isDisclosure('attendance.export_fhir')).toBe(true);
    expect(isDisclosure('attendance.view_session')).toBe(false);
    expect(targetKey('patient')).toBe('target.patient');
    expect(targetKey('robot')).toBeNull();
  });

  it('shows purposes, instants, ids and lists readably', () => {
    expect(detailValue('purpose', 'billing')).toEqual({ kind: 'purpose', value: 'billing' });
    expect(detailValue('purpose', 'curiosity')).toEqual({ kind: 'text', value: 'curiosity' });
    expect(detailValue('from', 1_795_000_000_000)).toEqual({
      kind: 'instant',
      ms: 1_795_000_000_000,
    });
    expect(detailValue('from', '2026-11-16')).toEqual({ kind: 'text', value: '2026-11-16' });
    expect(detailValue('rows', 3)).toEqual({ kind: 'text', value: '3' });
    expect(detailValue('ok', true)).toEqual({ kind: 'boolean', value: true });
    expect(detailValue('groupId', null)).toEqual({ kind: 'text', value: '—' });
    expect(detailValue('groupId', 'bfcb46d2-27be-42d7')).toEqual({
      kind: 'text',
      value: 'bfcb46d2…',
    });
    expect(detailValue('userIds', ['bfcb46d2-27be', 'ab'])).toEqual({
      kind: 'text',
      value: 'bfcb46d2…, ab',
    });
    // An export names every patient it disclosed: the first few are shown, the rest counted.
    const ids = Array.from({ length: 500 }, (_, i) => `p${i}`);
    expect(detailValue('patientIds', ids)).toEqual({
      kind: 'text',
      value: 'p0, p1, p2, p3, p4, p5 (+494)',
    });
    expect(detailValue('fields', ['name', 'role'])).toEqual({ kind: 'text', value: 'name, role' });
    expect(shortId('abc')).toBe('abc');
  });
});
