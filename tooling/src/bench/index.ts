/**
 * `pnpm bench`: measures, in one run, how long the samples and the project's own commands take,
 * and writes the table to tooling/bench-results/ (Markdown for the site, JSON, an SVG chart).
 * Never part of `pnpm test`: timings depend on the machine, so nothing asserts them.
 *
 *   pnpm bench [--only hello-retry,worker-startup,money-transfer,money-transfer-cluster,test-suite,site-build]
 *              [--reps N] [--transfers N] [--concurrency N] [--out NAME] [--budget SECONDS]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requireServerBinary } from '../binaries';
import { runCommand, UsageError, parseOptions } from '../cli';
import { repoRoot } from '../paths';
import { benchSiteBuild, benchTestSuite } from './commands';
import { benchHelloRetry } from './hello-retry';
import { benchMoneyTransfer, benchMoneyTransferCluster } from './money-transfer';
import { formatDuration, renderMarkdown, renderSvg } from './render';
import type { BenchReport, Machine, SectionResult } from './results';
import { firstLine, seconds, stopRunning, type BenchContext } from './support';
import { benchWorkerStartup } from './worker-startup';

// In the order of the issue that asked for them; the table keeps this order.
const sections: Record<string, (context: BenchContext) => Promise<SectionResult>> = {
  'hello-retry': benchHelloRetry,
  'worker-startup': benchWorkerStartup,
  'money-transfer': benchMoneyTransfer,
  'money-transfer-cluster': benchMoneyTransferCluster,
  'test-suite': benchTestSuite,
  'site-build': benchSiteBuild,
};

// The cluster needs Go and PostgreSQL (see `pnpm cluster`) and minutes more: only when asked for.
const defaultSections = Object.keys(sections).filter((name) => name !== 'money-transfer-cluster');

const usage = `Usage: pnpm bench [options]
  --only NAMES        comma-separated, of: ${Object.keys(sections).join(', ')}
                      (default: all but money-transfer-cluster, which runs the transfers on the
                      \`pnpm cluster\` service and needs Go and PostgreSQL)
  --reps N            repetitions of every measurement (default: each its own, 1 to 3)
  --transfers N       money-transfer: transfers per run (default 1000)
  --concurrency N     money-transfer: transfers in flight at once (default 50)
  --workers N,M       money-transfer: a run with N Worker processes, then one with M (default 1,2)
  --out NAME          writes tooling/bench-results/NAME.{md,json,svg} (default: latest for a full
                      default run, partial otherwise)
  --budget SECONDS    the time the whole run should fit in, shown with the progress (default 600)
  --server-db KIND    the bench's own dev servers keep their database in a file (default, as
                      \`pnpm dev-server\` does) or in memory`;

function positiveInteger(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(`${option} takes a whole number above 0, not "${value}"`);
  return number;
}

function clock(totalSeconds: number): string {
  const whole = Math.floor(totalSeconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

function temporalCliVersion(): string {
  try {
    const version = execFileSync(requireServerBinary('cli'), ['--version'], { encoding: 'utf8' }).trim();
    return version.replace(/^temporal version/, 'Temporal CLI');
  } catch (error) {
    return `Temporal CLI unknown (${firstLine(error)})`;
  }
}

function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    temporalCli: temporalCliVersion(),
    loadAverageBefore: os.loadavg(),
  };
}

async function main(): Promise<number> {
  const { values, help } = parseOptions(process.argv.slice(2), [
    ...['only', 'reps', 'transfers', 'concurrency', 'out', 'budget', 'server-db', 'workers'],
  ]);
  if (help) {
    console.log(usage);
    return 0;
  }
  const only = values.only?.split(',').map((name) => name.trim()) ?? defaultSections;
  const unknown = only.filter((name) => !(name in sections));
  if (unknown.length > 0) throw new UsageError(`unknown measurement ${unknown.join(', ')}`);
  const reps = positiveInteger(values.reps, '--reps');
  const transfers = positiveInteger(values.transfers, '--transfers') ?? 1000;
  const concurrency = positiveInteger(values.concurrency, '--concurrency') ?? 50;
  const budgetSeconds = positiveInteger(values.budget, '--budget') ?? 600;
  const workerCounts = values.workers?.split(',').map((count) => positiveInteger(count.trim(), '--workers')!) ?? [1, 2];
  const serverDb = values['server-db'] ?? 'file';
  if (serverDb !== 'file' && serverDb !== 'memory')
    throw new UsageError(`--server-db is file or memory, not "${serverDb}"`);
  const isDefaultRun =
    !values.only && !values.reps && !values.transfers && !values.concurrency && !values.workers && !values['server-db'];
  const outName = values.out ?? (isDefaultRun ? 'latest' : 'partial');
  if (!/^[\w.-]+$/.test(outName)) throw new UsageError(`--out takes a plain file name, not "${outName}"`);

  const startedAt = performance.now();
  const startedAtIso = new Date().toISOString();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'temporal-bench-'));
  const context: BenchContext = {
    reps: (defaultReps) => reps ?? defaultReps,
    progress(message) {
      const spent = seconds(startedAt);
      const budget = spent > budgetSeconds ? `OVER the ${clock(budgetSeconds)} budget` : `of ${clock(budgetSeconds)}`;
      process.stderr.write(`[bench ${clock(spent)} ${budget}] ${message}\n`);
    },
    scratch,
    transfers,
    concurrency,
    workerCounts,
    serverDb,
  };
  const report: BenchReport = {
    startedAt: startedAtIso,
    wallSeconds: 0,
    command: ['pnpm bench', ...process.argv.slice(2)].join(' '),
    machine: machine(),
    timings: [],
    throughput: [],
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      context.progress(`stopped by ${signal}: stopping the processes it started; no results written`);
      stopRunning();
      rmSync(scratch, { recursive: true, force: true });
      process.exit(130);
    });
  }
  context.progress(`measuring ${only.join(', ')}; scratch files in ${scratch}`);
  try {
    for (const name of Object.keys(sections).filter((section) => only.includes(section))) {
      const sectionStartedAt = performance.now();
      context.progress(`${name}: starting`);
      try {
        const result = await sections[name]!(context);
        report.timings.push(...result.timings);
        report.throughput.push(...(result.throughput ?? []));
      } catch (error) {
        context.progress(`${name}: failed: ${firstLine(error)}`);
        report.timings.push({
          section: name,
          name,
          samples: [],
          notes: '',
          status: 'failed',
          reason: firstLine(error),
        });
      }
      context.progress(`${name}: done in ${formatDuration(seconds(sectionStartedAt))}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  report.wallSeconds = seconds(startedAt);
  report.machine.loadAverageAfter = os.loadavg();

  const resultsDir = path.join(repoRoot, 'tooling', 'bench-results');
  mkdirSync(resultsDir, { recursive: true });
  const markdown = renderMarkdown(report);
  writeFileSync(path.join(resultsDir, `${outName}.md`), markdown);
  writeFileSync(path.join(resultsDir, `${outName}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(resultsDir, `${outName}.svg`), renderSvg(report));
  console.log(markdown);
  context.progress(
    `wrote tooling/bench-results/${outName}.{md,json,svg}; ${formatDuration(report.wallSeconds)} in all` +
      (report.wallSeconds > budgetSeconds ? `, over the ${clock(budgetSeconds)} budget` : ''),
  );
  const failed = [...report.timings, ...report.throughput].some((row) => row.status === 'failed');
  return failed ? 1 : 0;
}

runCommand(usage, main);
