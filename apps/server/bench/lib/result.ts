/** What a benchmark reports: rows for the summary table, and details for the document. */
export interface Row {
  metric: string;
  value: string;
  /** The goal as text, e.g. '<= 300 ms'; omitted when the figure has none. */
  goal?: string;
  /** Whether the goal was met; undefined when there is no goal or no figure. */
  met?: boolean;
}

export interface BenchResult {
  id: string;
  title: string;
  rows: Row[];
  /** Markdown paragraphs or lists with the method and the raw figures. */
  details: string[];
  /** Set when the benchmark could not run to the end; rows hold what it had. */
  error?: string;
  seconds: number;
  /** How long the run waited for the machine to go quiet before it, and how busy it was then. */
  settled?: { waitedMs: number; busy: number | undefined };
}

export type Bench = () => Promise<Omit<BenchResult, 'seconds' | 'error' | 'settled'>>;

/** A row with a goal `value <= limit` (or >=). */
export function goalRow(
  metric: string,
  value: number,
  shown: string,
  goal: { op: '<=' | '>='; limit: number; text: string },
): Row {
  const met = Number.isFinite(value)
    ? goal.op === '<='
      ? value <= goal.limit
      : value >= goal.limit
    : undefined;
  return { metric, value: shown, goal: goal.text, ...(met === undefined ? {} : { met }) };
}
