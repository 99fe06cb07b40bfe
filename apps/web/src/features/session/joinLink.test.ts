import { describe, expect, it } from 'vitest';
import { roomHref } from '../../router/routes';
import { joinPreferences, tokenFromFragment } from './joinLink';

describe('join link', () => {
  it('reads the token from the fragment', () => {
    expect(tokenFromFragment('#token=eyJ.abc.def')).toBe('eyJ.abc.def');
    expect(tokenFromFragment('token=x&other=1')).toBe('x');
    expect(tokenFromFragment('')).toBeNull();
    expect(tokenFromFragment('#token=')).toBeNull();
  });

  it('round-trips a token through a room link', () => {
    const href = roomHref('s1', 'a+b/c=');
    expect(tokenFromFragment(href.slice(href.indexOf('#')))).toBe('a+b/c=');
  });

  it('reads listen-only and camera preferences from the query', () => {
    expect(joinPreferences('')).toEqual({ listenOnly: false, camera: true });
    expect(joinPreferences('?listen=1')).toEqual({ listenOnly: true, camera: true });
    expect(joinPreferences('?camera=0')).toEqual({ listenOnly: false, camera: false });
    expect(joinPreferences('?camera=false&listen=true')).toEqual({
      listenOnly: true,
      camera: false,
    });
  });
});
