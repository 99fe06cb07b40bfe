import { describe, expect, it } from 'vitest';
import { layerForWidth } from './layers';

describe('layerForWidth', () => {
  it('picks the smallest layer that fills the tile', () => {
    expect(layerForWidth(160)).toBe(0);
    expect(layerForWidth(360)).toBe(0);
    expect(layerForWidth(500)).toBe(1);
    expect(layerForWidth(900)).toBe(2);
  });

  it('counts device pixels', () => {
    expect(layerForWidth(200, 2)).toBe(1);
    expect(layerForWidth(400, 2)).toBe(2);
  });
});
