import { describe, expect, it } from 'vitest';
import { landingFor } from './landing';

describe('where staff land after signing in', () => {
  it('goes to the role’s home page by default', () => {
    expect(landingFor('clinician', null)).toBe('/clinician');
    expect(landingFor('admin', null)).toBe('/admin');
  });

  it('returns to the staff page the person came from', () => {
    expect(landingFor('clinician', '/clinician/sessions/s1')).toBe('/clinician/sessions/s1');
    expect(landingFor('admin', '/admin/audit?x=1')).toBe('/admin/audit?x=1');
    expect(landingFor('admin', '/clinician')).toBe('/clinician');
  });

  it('ignores other sites, patient pages and pages of another role', () => {
    expect(landingFor('clinician', 'https://evil.example/clinician')).toBe('/clinician');
    expect(landingFor('clinician', '//evil.example/clinician')).toBe('/clinician');
    expect(landingFor('clinician', '/\\evil.example')).toBe('/clinician');
    expect(landingFor('clinician', '/room/abc')).toBe('/clinician');
    expect(landingFor('clinician', '/admin')).toBe('/clinician');
    expect(landingFor('clinician', '/clinicianx')).toBe('/clinician');
  });
});
