import { describe, expect, it, vi } from 'vitest';
import { TrackHandOver } from './handOver';

const track = () => ({ stop: vi.fn() }) as unknown as MediaStreamTrack & { stop: () => void };

describe('the device check’s tracks handed to a call', () => {
  it('go to the one attempt they were offered to', () => {
    const handOver = new TrackHandOver();
    const mic = track();
    handOver.offer(1, { mic });
    expect(handOver.tracksFor(1)).toEqual({ mic });
    expect(handOver.tracksFor(2)).toEqual({});
  });

  it('are stopped when the call that was to take them never started', () => {
    const handOver = new TrackHandOver();
    const mic = track();
    const camera = track();
    handOver.offer(1, { mic, camera });
    handOver.release();
    expect(mic.stop).toHaveBeenCalledOnce();
    expect(camera.stop).toHaveBeenCalledOnce();
    expect(handOver.tracksFor(1)).toEqual({});
    handOver.release();
    expect(mic.stop).toHaveBeenCalledOnce();
  });
});
