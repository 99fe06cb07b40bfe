import { resolveWorkerBin } from './worker-bin.js';

/** mediasoup reads MEDIASOUP_WORKER_BIN when first imported: set it before any test file runs. */
export default function setup(): void {
  process.env['MEDIASOUP_WORKER_BIN'] = resolveWorkerBin();
}
