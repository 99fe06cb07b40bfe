import { describe, expect, it } from 'vitest';
import { classifyNetwork, measureRoundTrips } from './network';

describe('network classification', () => {
  it('grades by the median round trip', () => {
    expect(classifyNetwork([40, 45, 500, 50, 42])).toEqual({ quality: 'good', medianMs: 45 });
    expect(classifyNetwork([200, 250, 180, 220])).toEqual({ quality: 'fair', medianMs: 210 });
    expect(classifyNetwork([900, 700, 800])).toEqual({ quality: 'poor', medianMs: 800 });
  });

  it('treats the thresholds as inclusive', () => {
    expect(classifyNetwork([150]).quality).toBe('good');
    expect(classifyNetwork([400]).quality).toBe('fair');
    expect(classifyNetwork([401]).quality).toBe('poor');
  });

  it('lets failures lower the grade', () => {
    expect(classifyNetwork([40, null, 45, 50, 42]).quality).toBe('fair');
    expect(classifyNetwork([300, null, 320, 310]).quality).toBe('fair');
    expect(classifyNetwork([40, null, null, 45]).quality).toBe('poor');
    expect(classifyNetwork([null, null, null])).toEqual({ quality: 'offline', medianMs: null });
    expect(classifyNetwork([])).toEqual({ quality: 'offline', medianMs: null });
  });
});

describe('measuring round trips', () => {
  it('times each request and counts failures as null', async () => {
    let clock = 0;
    let calls = 0;
    const urls: string[] = [];
    const fetch = (async (url: string) => {
      urls.push(url);
      calls += 1;
      clock += 30;
      if (calls === 2) throw new TypeError('offline');
      return { ok: calls !== 3, arrayBuffer: async () => new ArrayBuffer(0) };
    }) as unknown as typeof globalThis.fetch;
    const samples = await measureRoundTrips({ fetch, count: 4, now: () => clock });
    expect(samples).toEqual([30, null, null, 30]);
    expect(urls).toEqual([0, 1, 2, 3].map((i) => `/api/health?probe=${i}`));
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await measureRoundTrips({ signal: controller.signal })).toEqual([]);
  });
});
