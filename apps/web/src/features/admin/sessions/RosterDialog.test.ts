import { describe, expect, it } from 'vitest';
import type { RosterLine } from '../common/types';
import { correctedSince } from './RosterDialog';

const line = (createdAt: number[]): RosterLine =>
  ({
    corrections: createdAt.map((at) => ({ reason: 'Phone', authorId: 'u1', createdAt: at })),
  }) as unknown as RosterLine;

describe('a signature against the corrections after it', () => {
  it('tells a signature of the figures shown from one made before a correction', () => {
    const rows = [line([]), line([1_000])];
    expect(correctedSince(rows, 2_000)).toBe(false);
    expect(correctedSince(rows, 500)).toBe(true);
    expect(correctedSince([line([])], 0)).toBe(false);
  });
});
