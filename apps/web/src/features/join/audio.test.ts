import { describe, expect, it } from 'vitest';
import { levelFromSamples } from './audio';

const sine = (amplitude: number, n = 1024) =>
  Array.from({ length: n }, (_, i) => amplitude * Math.sin((2 * Math.PI * i) / 64));

describe('microphone level', () => {
  it('reads silence as zero', () => {
    expect(levelFromSamples([])).toBe(0);
    expect(levelFromSamples(new Float32Array(512))).toBe(0);
    expect(levelFromSamples(sine(0.0005))).toBe(0);
  });

  it('rises with loudness on a decibel scale, and never passes one', () => {
    const quiet = levelFromSamples(sine(0.01));
    const speech = levelFromSamples(sine(0.1));
    const loud = levelFromSamples(sine(1));
    expect(quiet).toBeGreaterThan(0);
    expect(speech).toBeGreaterThan(quiet);
    expect(loud).toBeGreaterThan(speech);
    expect(loud).toBeLessThanOrEqual(1);
    // Ten times the amplitude is 20 dB, a third of the scale.
    expect(speech - quiet).toBeCloseTo(1 / 3, 5);
    expect(levelFromSamples(Array(64).fill(2))).toBe(1);
  });
});
