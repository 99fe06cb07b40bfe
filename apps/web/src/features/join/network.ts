/** How the way to the server looks before joining, from a few small timed requests. */
export type NetworkQuality = 'good' | 'fair' | 'poor' | 'offline';

export interface NetworkResult {
  quality: NetworkQuality;
  /** Median round trip of the requests that answered, in milliseconds. */
  medianMs: number | null;
  /** Whether this browser can make WebRTC calls at all. */
  webrtc: boolean;
}

/** Round trips up to these (ms) count as good, then fair; slower is poor. */
export const GOOD_MS = 150;
export const FAIR_MS = 400;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

/**
 * Classifies timed requests (milliseconds, or null for one that failed or timed out).
 * Any failure caps the answer at fair; failing half or more is poor; all failing is offline.
 */
export function classifyNetwork(samples: readonly (number | null)[]): {
  quality: NetworkQuality;
  medianMs: number | null;
} {
  const answered = samples.filter((s): s is number => s !== null);
  const failed = samples.length - answered.length;
  const mid = median(answered);
  if (mid === null) return { quality: 'offline', medianMs: null };
  if (failed * 2 >= samples.length) return { quality: 'poor', medianMs: mid };
  const byTime: NetworkQuality = mid <= GOOD_MS ? 'good' : mid <= FAIR_MS ? 'fair' : 'poor';
  if (failed > 0 && byTime === 'good') return { quality: 'fair', medianMs: mid };
  return { quality: byTime, medianMs: mid };
}

export interface MeasureOptions {
  url?: string;
  count?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
  signal?: AbortSignal;
}

/** Times `count` small requests one after another; a failed or slow one counts as null. */
export async function measureRoundTrips(options: MeasureOptions = {}): Promise<(number | null)[]> {
  const {
    url = '/api/health',
    count = 5,
    timeoutMs = 3_000,
    fetch: get = globalThis.fetch.bind(globalThis),
    now = () => performance.now(),
    signal,
  } = options;
  const samples: (number | null)[] = [];
  for (let i = 0; i < count && !signal?.aborted; i++) {
    const started = now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await get(`${url}?probe=${i}`, {
        cache: 'no-store',
        signal: controller.signal,
      });
      await response.arrayBuffer();
      samples.push(response.ok ? now() - started : null);
    } catch {
      samples.push(null);
    } finally {
      clearTimeout(timer);
    }
  }
  return samples;
}

/** Whether the browser has what a call needs: WebRTC, and a way to open a microphone. */
export const webRtcSupported = (): boolean =>
  typeof RTCPeerConnection === 'function' &&
  typeof navigator !== 'undefined' &&
  typeof navigator.mediaDevices?.getUserMedia === 'function';
