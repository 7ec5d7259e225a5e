import { describe, expect, it } from 'vitest';
import { chartBars, formatDuration, renderMarkdown, renderSvg, whereTheLimitIs } from '../src/bench/render';
import type { BenchReport } from '../src/bench/results';
import { formatSeconds, formatSpread, median, percentile, summarize } from '../src/bench/stats';

describe('percentile and median', () => {
  it('interpolates between the two nearest ranks', () => {
    expect(percentile([10, 20, 30, 40], 50)).toBe(25);
    expect(percentile([10, 20, 30, 40], 0)).toBe(10);
    expect(percentile([10, 20, 30, 40], 100)).toBe(40);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
  });

  it('does not depend on the order of the values', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('reads p99 of 1,000 latencies from the top 1 %', () => {
    const latencies = Array.from({ length: 1000 }, (_, index) => index + 1);
    expect(percentile(latencies, 99)).toBeCloseTo(990.01, 5);
    expect(percentile(latencies, 50)).toBe(500.5);
  });

  it('refuses an empty list and a percentile outside 0..100', () => {
    expect(() => median([])).toThrow('No values');
    expect(() => percentile([1], 101)).toThrow('between 0 and 100');
  });
});

describe('summaries and their formatting', () => {
  it('gives count, median, min and max', () => {
    expect(summarize([8.5, 8.1, 9.2])).toEqual({ n: 3, median: 8.5, min: 8.1, max: 9.2 });
  });

  it('writes the unit once when both ends share it, and a dash for a single value', () => {
    expect(formatSpread(summarize([8.3, 8.52]))).toBe('8.30–8.52 s');
    expect(formatSpread(summarize([7]))).toBe('–');
    expect(formatSeconds(123.4)).toBe('123 s');
    expect(formatSeconds(12.34)).toBe('12.3 s');
    expect(formatDuration(492)).toBe('8 min 12 s');
  });
});

function report(overrides: Partial<BenchReport> = {}): BenchReport {
  return {
    startedAt: '2026-11-23T00:41:07.123Z',
    wallSeconds: 492,
    command: 'pnpm bench',
    machine: {
      cpuModel: 'Test CPU',
      cores: 2,
      memoryBytes: 8 * 2 ** 30,
      os: 'Linux 6.1',
      node: 'v20.20.0',
      temporalCli: 'Temporal CLI 1.9.1',
      loadAverageBefore: [0.5, 0.4, 0.3],
    },
    timings: [
      { section: 'a', name: 'starter | to result', samples: [8.4, 8.3, 8.5], notes: '1.20 × the floor', status: 'ok' },
      { section: 'b', name: 'embedded', samples: [], notes: '', status: 'skipped', reason: 'port 7233 in use' },
      { section: 'c', name: 'tests', samples: [100], notes: '', status: 'failed', reason: 'exit 1: <tail> {x}' },
    ],
    throughput: [
      {
        workers: 1,
        transfers: 1000,
        concurrency: 50,
        reps: 1,
        status: 'ok',
        wallSeconds: 20,
        transfersPerSecond: 50,
        p50Ms: 900,
        p99Ms: 2100,
        workerCpuSeconds: [12],
        serverCpuSeconds: 8,
        clientCpuSeconds: 2,
        checks: 'all good',
      },
      { workers: 2, transfers: 1000, concurrency: 50, reps: 0, status: 'not available', reason: 'no sample' },
    ],
    ...overrides,
  };
}

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(report());

  it('names the machine and the run', () => {
    expect(markdown).toContain('2 cores (Test CPU), 8.0 GiB memory');
    expect(markdown).toContain('on 2026-11-23 00:41 UTC, which took 8 min 12 s');
  });

  it('has one table row per measurement, with median and spread', () => {
    expect(markdown).toContain('| starter / to result | 3 | 8.40 s | 8.30–8.50 s | 1.20 × the floor |');
  });

  it('says why a row has no numbers, and marks a failed run that has them', () => {
    expect(markdown).toContain('| embedded | 0 | – | – | skipped: port 7233 in use |');
    expect(markdown).toContain('| tests | 1 | 100 s | – | FAILED: exit 1: (tail) (x) |');
  });

  it('writes the throughput table with CPU time and its share of the wall time', () => {
    expect(markdown).toContain(
      '| 1 Worker | 1000 (50 at a time) | 50.0 | 900 ms | 2.10 s | 12.0 s (60 %) | 8.00 s (40 %) | 2.00 s (10 %) | 20.0 s | all good |',
    );
    expect(markdown).toContain('| 2 Workers | 1000 | – | – | – | – | – | – | – | not available: no sample |');
  });

  it('reads out the busiest process of each throughput run and what more Workers changed', () => {
    const [one] = report().throughput;
    const two = { ...one!, workers: 2, transfersPerSecond: 55, workerCpuSeconds: [5, 6], serverCpuSeconds: 19 };
    expect(whereTheLimitIs([one!, two])).toBe(
      'Busiest process with 1 Worker, the Worker (60 % of one core); with 2 Workers, the dev server (95 % of one core). ' +
        '2 Workers instead of 1 changed the throughput by +10 %.',
    );
    expect(markdown).toContain('Busiest process with 1 Worker, the Worker (60 % of one core).');
  });

  it('names the busiest process of a cluster and compares the cluster with the dev server', () => {
    const [one] = report().throughput;
    const cluster = {
      ...one!,
      server: 'cluster' as const,
      transfersPerSecond: 40,
      workerCpuSeconds: [6],
      serverCpuSeconds: 18,
      serverProcessCpuSeconds: { frontend: 3, 'history-1': 4, PostgreSQL: 11 },
    };
    expect(whereTheLimitIs([one!, cluster])).toBe(
      "Busiest process with 1 Worker, the Worker (60 % of one core); with 1 Worker on the cluster, the cluster's PostgreSQL (55 % of one core). " +
        'With 1 Worker, the cluster instead of the dev server changed it by -20 %.',
    );
    const withCluster = renderMarkdown(report({ throughput: [one!, cluster] }));
    expect(withCluster).toContain('| 1 Worker, cluster | 1000 (50 at a time) | 40.0 |');
    expect(withCluster).toContain(
      'Server CPU on the cluster with 1 Worker, by process: frontend 3.00 s (15 %), history-1 4.00 s (20 %), PostgreSQL 11.0 s (55 %).',
    );
  });

  it('contains nothing MDX would read as JSX or an expression', () => {
    expect(markdown).not.toMatch(/[<{]/);
  });
});

describe('renderSvg', () => {
  it('draws a bar for every row with numbers and for each throughput run', () => {
    expect(chartBars(report()).map((bar) => bar.label)).toEqual([
      'starter | to result',
      'tests (failed)',
      'money-transfer, 1000 transfers, 1 Worker',
    ]);
    const svg = renderSvg(report());
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<rect /g)).toHaveLength(1 + 3);
    expect(svg).toContain('>8.40 s</text>');
  });

  it('marks a floor where a row has one', () => {
    const row = { section: 'a', name: 'hello', samples: [8], notes: '', status: 'ok' as const, floorSeconds: 7 };
    expect(renderSvg(report({ timings: [row] }))).toContain('<title>floor: 7.00 s</title>');
  });

  it('escapes labels', () => {
    const svg = renderSvg(
      report({ timings: [{ section: 'a', name: 'a < b & c', samples: [1], notes: '', status: 'ok' }] }),
    );
    expect(svg).toContain('a &lt; b &amp; c');
  });
});
