import type { Requester } from '../signaling';
import { EndToEnd } from './EndToEnd';

export { EndToEnd } from './EndToEnd';

/** Loaded only for a session that asks for end-to-end encryption: nobody else downloads it. */
export function createEndToEnd(request: Requester): EndToEnd {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  return new EndToEnd({ request, worker });
}
