import type { Bench } from '../lib/result.js';

export interface Suite {
  id: string;
  /** Time the suite may take before it is abandoned. */
  budgetMs: number;
  /** Runs in a network namespace of its own with only loopback (WebRTC clients, browsers). */
  isolate?: boolean;
  load: () => Promise<Bench>;
}

/** Every benchmark, in the order `npm run bench` runs them. Loaded lazily. */
export const SUITES: Suite[] = [
  {
    id: 'forwarding',
    budgetMs: 200_000,
    load: async () => (await import('./forwarding.js')).forwarding,
  },
  { id: 'capacity', budgetMs: 200_000, load: async () => (await import('./capacity.js')).capacity },
  {
    id: 'join-storm',
    budgetMs: 120_000,
    isolate: true,
    load: async () => (await import('./join-storm.js')).joinStorm,
  },
  {
    id: 'browser-join',
    budgetMs: 150_000,
    isolate: true,
    load: async () => (await import('./browser-join.js')).browserJoin,
  },
  {
    id: 'signaling',
    budgetMs: 120_000,
    load: async () => (await import('./signaling.js')).signaling,
  },
  {
    id: 'attendance',
    budgetMs: 300_000,
    load: async () => (await import('./attendance.js')).attendance,
  },
  {
    id: 'client-weight',
    budgetMs: 30_000,
    load: async () => (await import('./client-weight.js')).clientWeight,
  },
  { id: 'groups', budgetMs: 240_000, load: async () => (await import('./groups.js')).groups },
];

export function suiteById(id: string): Suite {
  const suite = SUITES.find((s) => s.id === id);
  if (!suite) throw new Error(`no benchmark named ${id}`);
  return suite;
}
