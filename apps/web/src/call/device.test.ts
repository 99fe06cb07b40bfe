import { detectDevice, type types } from 'mediasoup-client';
import { describe, expect, it } from 'vitest';
import { HANDLERS, createDevice, keepCapabilities } from './device';

/** Browsers a patient may open a link in, and the handler mediasoup-client picks for each. */
const BROWSERS: [string, string][] = [
  [
    'Chrome111',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  ],
  [
    'Chrome111',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  ],
  [
    'Chrome111',
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  ],
  ['Firefox120', 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'],
  [
    'Safari12',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  ],
  [
    'Safari12',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  ],
];

describe('the media engine of each browser', () => {
  it.each(BROWSERS)('loads %s for %s', async (name, userAgent) => {
    expect(detectDevice(userAgent)).toBe(name);
    const load = HANDLERS[detectDevice(userAgent)!];
    expect(load).toBeDefined();
    const factory = await load!();
    expect(factory.name).toBe(name);
  });

  it('asks the browser for its capabilities once per direction, ahead, and again after a failure', async () => {
    const asked: string[] = [];
    let fail = true;
    const handler = {
      name: 'Test',
      factory: () => {
        throw new Error('not used');
      },
      getNativeRtpCapabilities: async ({ direction }: { direction: string }) => {
        asked.push(direction);
        if (fail && direction === 'sendonly') throw new Error('busy');
        return { codecs: [], headerExtensions: [] };
      },
      getNativeSctpCapabilities: async () => ({ numStreams: { OS: 1, MIS: 1 } }),
    } as types.HandlerFactory;
    const kept = keepCapabilities(handler);
    expect(asked).toEqual(['recvonly', 'sendonly']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await kept.getNativeRtpCapabilities({ direction: 'recvonly' });
    expect(asked).toEqual(['recvonly', 'sendonly']);
    fail = false;
    await kept.getNativeRtpCapabilities({ direction: 'sendonly' });
    await kept.getNativeRtpCapabilities({ direction: 'sendonly' });
    expect(asked).toEqual(['recvonly', 'sendonly', 'sendonly']);
    expect(kept.name).toBe('Test');
  });

  it('refuses a browser mediasoup-client does not support, with a code the page can show', async () => {
    // Node is no browser: no handler fits.
    await expect(createDevice()).rejects.toMatchObject({ code: 'UNSUPPORTED_BROWSER' });
  });
});
