import { describe, expect, it } from 'vitest';
import { matchRoute, roomHref } from './routes';

describe('routes', () => {
  it('matches the home page', () => {
    expect(matchRoute('/')).toEqual({ name: 'home' });
  });

  it('matches a room and decodes its id', () => {
    expect(matchRoute('/room/abc')).toEqual({ name: 'room', sessionId: 'abc' });
    expect(matchRoute('/room/abc/')).toEqual({ name: 'room', sessionId: 'abc' });
    expect(matchRoute('/room/a%20b')).toEqual({ name: 'room', sessionId: 'a b' });
  });

  it('refuses malformed or oversized room ids and unknown paths', () => {
    expect(matchRoute('/room/%E0%A4%A').name).toBe('notFound');
    expect(matchRoute(`/room/${'x'.repeat(65)}`).name).toBe('notFound');
    expect(matchRoute('/room/').name).toBe('notFound');
    expect(matchRoute('/room/a/b').name).toBe('notFound');
    expect(matchRoute('/clinician/sessions/').name).toBe('notFound');
  });

  it('matches the staff and patient pages', () => {
    expect(matchRoute('/join')).toEqual({ name: 'join' });
    expect(matchRoute('/login')).toEqual({ name: 'login' });
    expect(matchRoute('/clinician')).toEqual({ name: 'clinician' });
    expect(matchRoute('/clinician/sessions/s1')).toEqual({ name: 'console', sessionId: 's1' });
    expect(matchRoute('/clinician/sessions/s1/roster')).toEqual({
      name: 'roster',
      sessionId: 's1',
    });
    expect(matchRoute('/admin')).toEqual({ name: 'admin', section: 'attendance' });
    expect(matchRoute('/admin/audit')).toEqual({ name: 'admin', section: 'audit' });
  });

  it('builds room links with the token in the fragment', () => {
    expect(roomHref('s 1')).toBe('/room/s%201');
    expect(roomHref('s1', 'a.b+c')).toBe('/room/s1#token=a.b%2Bc');
  });
});
