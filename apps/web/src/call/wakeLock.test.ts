import { describe, expect, it, vi } from 'vitest';
import { keepScreenOn } from './wakeLock';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function fakePage(visibilityState: DocumentVisibilityState = 'visible') {
  const page = Object.assign(new EventTarget(), { visibilityState });
  const show = (state: DocumentVisibilityState) => {
    page.visibilityState = state;
    page.dispatchEvent(new Event('visibilitychange'));
  };
  return { doc: page as unknown as Document, show };
}

describe('keepScreenOn', () => {
  it('asks again each time the page shows, not while hidden, and lets go of the last lock', async () => {
    const release = vi.fn(async () => undefined);
    const request = vi.fn(async () => ({ release }) as unknown as WakeLockSentinel);
    const { doc, show } = fakePage('hidden');
    const letGo = keepScreenOn({ wakeLock: { request } }, doc);
    expect(request).not.toHaveBeenCalled();
    show('visible');
    show('hidden');
    show('visible');
    expect(request).toHaveBeenCalledTimes(2);
    letGo();
    await settle();
    expect(release).toHaveBeenCalledTimes(1);
    show('visible');
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('lets go of a lock granted only after the call ended', async () => {
    const release = vi.fn(async () => undefined);
    let grant: (lock: WakeLockSentinel) => void = () => undefined;
    const request = () => new Promise<WakeLockSentinel>((resolve) => (grant = resolve));
    const letGo = keepScreenOn({ wakeLock: { request } }, fakePage().doc);
    letGo();
    grant({ release } as unknown as WakeLockSentinel);
    await settle();
    expect(release).toHaveBeenCalledTimes(1);
  });

  it('says nothing where the browser has no wake lock or refuses it', async () => {
    const { doc } = fakePage();
    expect(() => keepScreenOn({} as Navigator, doc)()).not.toThrow();
    expect(() => keepScreenOn(undefined, undefined)()).not.toThrow();
    const refused = vi.fn(() => Promise.reject(new DOMException('no', 'NotAllowedError')));
    keepScreenOn({ wakeLock: { request: refused } }, doc)();
    await settle();
    expect(refused).toHaveBeenCalledOnce();
  });
});
