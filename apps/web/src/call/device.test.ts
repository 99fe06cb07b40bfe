import { detectDevice, type types } from 'mediasoup-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HANDLERS, createDevice, keepCapabilities, sameFingerprint } from './device';

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

describe("the page's DTLS certificate", () => {
  /** device.ts as a page loads it: nothing made yet. */
  const freshModule = async () => {
    vi.resetModules();
    return import('./device');
  };
  afterEach(() => vi.unstubAllGlobals());

  const HOUR = 60 * 60 * 1000;
  /** A browser's RTCPeerConnection whose certificates expire `lifetime` ms after they are made. */
  function browserWithCertificates(lifetime: number, fingerprints = true) {
    const made: object[] = [];
    vi.stubGlobal('RTCPeerConnection', {
      generateCertificate: async (algorithm: object) => {
        expect(algorithm).toEqual({ name: 'ECDSA', namedCurve: 'P-256' });
        const index = made.length;
        const certificate = {
          expires: Date.now() + lifetime,
          ...(fingerprints && {
            getFingerprints: () => [
              { algorithm: 'sha-1', value: '00:11' },
              { algorithm: 'sha-256', value: `ab:cd:${index}` },
            ],
          }),
        };
        made.push(certificate);
        return certificate;
      },
    });
    return made;
  }

  it('is made once, ahead, and told as the browser writes it in its SDP', async () => {
    const made = browserWithCertificates(30 * 24 * HOUR);
    const { localDtls } = await freshModule();
    const first = await localDtls();
    expect(first?.dtlsParameters).toEqual({
      role: 'client',
      fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD:0' }],
    });
    expect(first?.certificate).toBe(made[0]);
    expect(await localDtls()).toBe(first);
    expect(made).toHaveLength(1);
  });

  it('is made anew once the one kept has expired', async () => {
    const made = browserWithCertificates(50);
    const { localDtls } = await freshModule();
    const first = await localDtls();
    expect(await localDtls()).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const second = await localDtls();
    expect(made).toHaveLength(2);
    expect(second?.dtlsParameters.fingerprints[0]?.value).toBe('AB:CD:1');
  });

  it('is not used where the browser cannot tell its fingerprint, nor without WebRTC', async () => {
    browserWithCertificates(30 * 24 * HOUR, false);
    expect(await (await freshModule()).localDtls()).toBeNull();
    vi.unstubAllGlobals();
    // Node has no RTCPeerConnection.
    expect(await (await freshModule()).localDtls()).toBeNull();
  });

  it("matches a transport's own parameters by their sha-256 fingerprint, in any case", () => {
    const made = { fingerprints: [{ algorithm: 'sha-256' as const, value: 'AB:CD' }] };
    expect(
      sameFingerprint(made, { fingerprints: [{ algorithm: 'sha-256', value: 'ab:cd' }] }),
    ).toBe(true);
    expect(
      sameFingerprint(made, { fingerprints: [{ algorithm: 'sha-256', value: 'AB:CE' }] }),
    ).toBe(false);
    expect(sameFingerprint(made, { fingerprints: [{ algorithm: 'sha-1', value: 'AB:CD' }] })).toBe(
      false,
    );
  });
});
