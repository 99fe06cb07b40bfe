import { describe, expect, it } from 'vitest';
import { heirRows } from './focusKeeper';

describe('where the focus goes when its row leaves a list', () => {
  const order = ['a', 'b', 'c'];

  it('tries the row itself first, then the next rows, then the previous ones nearest first', () => {
    expect(heirRows(order, 'b')).toEqual(['b', 'c', 'a']);
  });

  it('goes back up from the last row', () => {
    expect(heirRows(order, 'c')).toEqual(['c', 'b', 'a']);
  });

  it('has no row to try for a control outside the rows', () => {
    expect(heirRows(order, null)).toEqual([]);
  });
});
