export { US_STATES } from '@haven/protocol';

/** Time zones offered for programs and groups: the US ones, then UTC. */
export const TIME_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Puerto_Rico',
  'Pacific/Guam',
  'UTC',
] as const;

/** The offered zones, plus `current` when it is another one. */
export const zoneOptions = (current?: string): string[] =>
  current && !(TIME_ZONES as readonly string[]).includes(current)
    ? [current, ...TIME_ZONES]
    : [...TIME_ZONES];
