import type { DtlsParameters } from '@haven/protocol';
import type { Device, detectDevice, types } from 'mediasoup-client';
import { CallError } from './errors';

type HandlerName = NonNullable<ReturnType<typeof detectDevice>>;

/**
 * mediasoup-client's WebRTC handler for each browser it supports, downloaded only by the
 * browser that uses it. (The build gives the Device module stand-ins for the others: see
 * vite.config.ts.)
 */
export const HANDLERS: Partial<Record<HandlerName, () => Promise<types.HandlerFactory>>> = {
  Chrome111: () =>
    import('mediasoup-client/handlers/Chrome111').then((m) => m.Chrome111.createFactory()),
  Chrome74: () =>
    import('mediasoup-client/handlers/Chrome74').then((m) => m.Chrome74.createFactory()),
  Firefox120: () =>
    import('mediasoup-client/handlers/Firefox120').then((m) => m.Firefox120.createFactory()),
  Safari12: () =>
    import('mediasoup-client/handlers/Safari12').then((m) => m.Safari12.createFactory()),
};

interface Engine {
  Device: typeof Device;
  handlerFactory: types.HandlerFactory;
}

let engine: Promise<Engine> | null = null;

/** Loads the Device class, finds this browser's handler with mediasoup-client's own rules, loads it. */
async function loadEngine(): Promise<Engine> {
  const { Device, detectDevice } = await import('mediasoup-client');
  const name = detectDevice();
  const load = name ? HANDLERS[name] : undefined;
  if (!load) throw new CallError('UNSUPPORTED_BROWSER', 'this browser cannot take part in calls');
  return { Device, handlerFactory: keepCapabilities(await load()) };
}

type Capabilities = ReturnType<types.HandlerFactory['getNativeRtpCapabilities']>;

/**
 * The browser's own RTP capabilities, asked once per direction and kept. Device.load()
 * asks for both each time, and each answer costs a peer connection and an offer; asked
 * here ahead, while the call connects, they are ready when the server admits us.
 */
export function keepCapabilities(handler: types.HandlerFactory): types.HandlerFactory {
  const kept = new Map<string, Capabilities>();
  const getNativeRtpCapabilities: types.HandlerFactory['getNativeRtpCapabilities'] = (options) => {
    const { direction } = options;
    let answer = kept.get(direction);
    if (!answer) {
      answer = handler.getNativeRtpCapabilities(options);
      kept.set(direction, answer);
      // A failed answer is asked again next time.
      answer.catch(() => kept.delete(direction));
    }
    return answer;
  };
  for (const direction of ['recvonly', 'sendonly'] as const)
    void getNativeRtpCapabilities({ direction }).catch(() => undefined);
  return { ...handler, getNativeRtpCapabilities };
}

/** Starts downloading the media engine, so it is ready by the time the call needs it. */
export function preloadDevice(): void {
  void loadMediaEngine().catch(() => undefined);
  void localDtls();
}

function loadMediaEngine(): Promise<Engine> {
  engine ??= loadEngine().catch((error: unknown) => {
    // A failed download (a network blip) may succeed on the next try.
    engine = null;
    throw error;
  });
  return engine;
}

/** A mediasoup Device for this browser. */
export async function createDevice(): Promise<Device> {
  const { Device, handlerFactory } = await loadMediaEngine();
  return new Device({ handlerFactory });
}

/** The certificate this page's peer connections use, and what the server needs to know of it. */
export interface LocalDtls {
  certificate: RTCCertificate;
  dtlsParameters: DtlsParameters;
}

let dtls: Promise<LocalDtls | null> | null = null;

/**
 * The DTLS certificate of this page's transports, made once, ahead (while the socket
 * connects), and again only once it has expired. Its fingerprint goes with the request
 * that creates a transport, so the server connects the transport at once and the browser
 * starts ICE and DTLS without first waiting for a `connect` round trip. Null where the
 * browser cannot make one or tell its fingerprint: each transport then connects the usual way.
 */
export async function localDtls(): Promise<LocalDtls | null> {
  const kept = await (dtls ??= makeLocalDtls().catch(() => null));
  if (!kept || kept.certificate.expires > Date.now()) return kept;
  return (dtls = makeLocalDtls().catch(() => null));
}

/** Fails (and the call goes without) where the browser has no RTCCertificate fingerprints. */
async function makeLocalDtls(): Promise<LocalDtls | null> {
  const algorithm: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
  const certificate = await RTCPeerConnection.generateCertificate(algorithm);
  const value = certificate.getFingerprints().find((f) => f.algorithm === 'sha-256')?.value;
  if (!value) return null;
  // Told as the browser writes it in its SDP, which is what the server compares it with.
  const fingerprints = [{ algorithm: 'sha-256' as const, value: value.toUpperCase() }];
  return { certificate, dtlsParameters: { role: 'client', fingerprints } };
}

type Fingerprinted = Pick<types.DtlsParameters, 'fingerprints'>;

const sha256 = (p: Fingerprinted) =>
  p.fingerprints.find((f) => f.algorithm === 'sha-256')?.value.toUpperCase();

/** Whether the parameters a transport's `connect` reports are those of `made`. */
export function sameFingerprint(made: Fingerprinted, reported: Fingerprinted): boolean {
  const ours = sha256(made);
  return ours !== undefined && ours === sha256(reported);
}
