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
  return { Device, handlerFactory: await load() };
}

/** Starts downloading the media engine, so it is ready by the time the call needs it. */
export function preloadDevice(): void {
  void loadMediaEngine().catch(() => undefined);
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
