import { resolveWorkerBin } from './worker-bin.js';

/**
 * mediasoup reads MEDIASOUP_WORKER_BIN once, when it is first imported, so the variable
 * is set here, before any test process starts (they inherit it).
 */
export default function setup(): void {
  process.env['MEDIASOUP_WORKER_BIN'] = resolveWorkerBin();
}
