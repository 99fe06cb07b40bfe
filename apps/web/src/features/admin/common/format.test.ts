import { describe, expect, it } from 'vitest';
import { formatter } from './format';

describe('hours', () => {
  const f = formatter('en');

  it('never shows a week under its requirement as reaching it', () => {
    expect(f.hours(150)).toBe('2.5');
    expect(f.hours(537)).toBe('8.9');
    expect(f.hours(539)).toBe('8.9');
    expect(f.hours(540)).toBe('9');
    // A 117-minute day is not two hours.
    expect(f.hours(117)).toBe('1.9');
  });

  it('rounds a shortfall up, so one that remains never reads 0', () => {
    expect(f.hours(3, 'up')).toBe('0.1');
    expect(f.hours(60, 'up')).toBe('1');
  });
});
