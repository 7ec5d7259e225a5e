/** Small statistics for the benchmark: pure functions, tested in test/bench.test.ts. */

function sorted(values: readonly number[]): number[] {
  if (values.length === 0) throw new Error('No values to summarize');
  return [...values].sort((a, b) => a - b);
}

/**
 * The value below which the given share of the values lie (0..100), interpolating between the two
 * nearest ranks, as spreadsheets and NumPy's default do.
 */
export function percentile(values: readonly number[], p: number): number {
  if (p < 0 || p > 100) throw new Error(`A percentile is between 0 and 100, not ${p}`);
  const ordered = sorted(values);
  const rank = (p / 100) * (ordered.length - 1);
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  const low = ordered[below]!;
  const high = ordered[above]!;
  return low + (high - low) * (rank - below);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  const ordered = sorted(values);
  return { n: ordered.length, median: median(ordered), min: ordered[0]!, max: ordered[ordered.length - 1]! };
}

/** Seconds for people: 3 significant digits, at least 2 decimals below 10 s. */
export function formatSeconds(seconds: number): string {
  if (seconds >= 100) return `${seconds.toFixed(0)} s`;
  if (seconds >= 10) return `${seconds.toFixed(1)} s`;
  return `${seconds.toFixed(2)} s`;
}

/** Latencies: milliseconds below a second (whole from 10 ms up), seconds from there. */
export function formatMilliseconds(ms: number): string {
  if (ms >= 1000) return formatSeconds(ms / 1000);
  return ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

/** "8.41 s" for one repetition, "8.30–8.52 s" for a spread. */
export function formatSpread({ n, min, max }: Summary, format: (value: number) => string = formatSeconds): string {
  if (n < 2) return '–';
  const low = format(min);
  const high = format(max);
  const [lowNumber, lowUnit] = low.split(' ');
  const [highNumber, highUnit] = high.split(' ');
  return lowUnit === highUnit ? `${lowNumber}–${highNumber} ${highUnit}` : `${low} – ${high}`;
}
