import { describe, expect, it, vi } from 'vitest';
import { latestPicks } from './latestPicks';

describe('picking devices faster than they open', () => {
  it('opens one at a time, and of the picks made meanwhile only the latest of each source', async () => {
    const opened: string[] = [];
    const done: (() => void)[] = [];
    const open = vi.fn(
      (source: string, id: string) =>
        new Promise<void>((resolve) => {
          opened.push(`${source}:${id}`);
          done.push(resolve);
        }),
    );
    const busy = vi.fn();
    const pick = latestPicks(open, busy);
    pick('camera', 'one');
    // Arrowing on through the list while the first camera opens, and a microphone too.
    pick('camera', 'two');
    pick('camera', 'three');
    pick('mic', 'headset');
    expect(opened).toEqual(['camera:one']);
    for (const count of [2, 3]) {
      done.shift()?.();
      await vi.waitFor(() => expect(opened).toHaveLength(count));
    }
    expect(opened).toEqual(['camera:one', 'camera:three', 'mic:headset']);
    expect(busy.mock.calls).toEqual([[true]]);
    done.shift()?.();
    await vi.waitFor(() => expect(busy).toHaveBeenLastCalledWith(false));
  });

  it('goes on after a device that will not open, and starts again on the next pick', async () => {
    const open = vi
      .fn<(source: string, id: string) => Promise<void>>()
      .mockRejectedValueOnce(new Error('busy in another app'))
      .mockResolvedValue(undefined);
    const busy = vi.fn();
    const pick = latestPicks(open, busy);
    pick('camera', 'busy-one');
    pick('mic', 'headset');
    await vi.waitFor(() => expect(busy).toHaveBeenLastCalledWith(false));
    expect(open.mock.calls).toEqual([
      ['camera', 'busy-one'],
      ['mic', 'headset'],
    ]);
    pick('camera', 'other');
    await vi.waitFor(() => expect(open).toHaveBeenCalledTimes(3));
  });
});
