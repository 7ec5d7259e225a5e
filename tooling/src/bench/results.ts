/** What each measurement returns, and the machine it ran on. */

export type Status = 'ok' | 'failed' | 'skipped' | 'not available';

/** One row of the main table: repeated wall times in seconds. */
export interface TimingRow {
  section: string;
  name: string;
  /** Seconds, one per repetition. May hold times of failed runs: then status says so. */
  samples: number[];
  notes: string;
  status: Status;
  /** Why it is not ok: shown instead of (or next to) the numbers. */
  reason?: string;
  /** The least it can take, when there is such a thing (hello-retry's backoff): marked on the chart. */
  floorSeconds?: number;
}

/** One configuration of the money-transfer throughput run (medians over its repetitions). */
export interface ThroughputRow {
  /** Where the transfers ran: a dev server (when absent) or the `pnpm cluster` service. */
  server?: 'dev server' | 'cluster';
  workers: number;
  transfers: number;
  concurrency: number;
  reps: number;
  status: Status;
  reason?: string;
  wallSeconds?: number;
  transfersPerSecond?: number;
  p50Ms?: number;
  p99Ms?: number;
  /** CPU seconds (user + system) of each Worker process during the run. */
  workerCpuSeconds?: number[];
  /** CPU seconds of the server: all its processes together. */
  serverCpuSeconds?: number;
  /** The same per process, for a server of more than one (a cluster's nodes and PostgreSQL). */
  serverProcessCpuSeconds?: Record<string, number>;
  clientCpuSeconds?: number;
  /** What was checked after the run, e.g. "1000/1000 completed, sum conserved, each reference once". */
  checks?: string;
}

export interface SectionResult {
  timings: TimingRow[];
  throughput?: ThroughputRow[];
}

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  os: string;
  node: string;
  temporalCli: string;
  loadAverageBefore: number[];
  loadAverageAfter?: number[];
}

export interface BenchReport {
  startedAt: string;
  wallSeconds: number;
  command: string;
  machine: Machine;
  timings: TimingRow[];
  throughput: ThroughputRow[];
}
