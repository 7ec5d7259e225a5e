/**
 * money-transfer throughput: many transfers through one local dev server and the sample's own
 * Worker (then two Worker processes), started from one client with a bounded number in flight.
 * Afterwards it checks that every transfer completed and that the bank neither lost nor made money:
 * a throughput of failures would be worthless.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { repoRoot } from '../paths';
import { startSampleProcess, type SampleProcess } from '../processes';
import type { SectionResult, Status, ThroughputRow } from './results';
import { median, percentile } from './stats';
import {
  cpuSecondsOf,
  cpuSecondsOfTree,
  firstLine,
  seconds,
  startBenchCluster,
  startBenchServer,
  track,
  type BenchContext,
  type BenchServer,
} from './support';

const sampleDir = path.join(repoRoot, 'samples', 'money-transfer');
const accountCount = 100;
const openingBalance = 1_000_000;
const runTimeoutMs = 5 * 60_000;

/** The parts of the sample's src/shared.ts and src/bank.ts the benchmark uses. */
interface SampleShared {
  TASK_QUEUE: string;
  transferWorkflowId(referenceId: string): string;
  Bank: new (file: string, openingBalances: Record<string, number>) => SampleBank;
}

interface SampleBank {
  balances(): Record<string, number>;
  journal(): { reference: string; operation: string }[];
}

interface Payment {
  sourceAccount: string;
  targetAccount: string;
  amount: number;
  referenceId: string;
}

interface Run {
  wallSeconds: number;
  latenciesMs: number[];
  workerCpuSeconds: number[];
  serverProcessCpuSeconds: Record<string, number>;
  clientCpuSeconds: number;
  problems: string[];
  checks: string;
}

const account = (index: number) => `BENCH-${String(index).padStart(3, '0')}`;

/** Many accounts, each rich enough that no transfer can fail for want of money. */
function payment(index: number, prefix: string): Payment {
  const source = index % accountCount;
  const target = (source + 1 + (index % (accountCount - 1))) % accountCount;
  return {
    sourceAccount: account(source),
    targetAccount: account(target),
    amount: 1 + (index % 97),
    referenceId: `${prefix}-${index}`,
  };
}

/** Why the sample cannot be benchmarked yet, or its shared module. */
async function loadSample(): Promise<SampleShared | string> {
  for (const file of ['src/worker.ts', 'src/workflows.ts', 'src/shared.ts', 'src/bank.ts']) {
    if (!existsSync(path.join(sampleDir, file))) return `samples/money-transfer/${file} is missing`;
  }
  if (!readFileSync(path.join(sampleDir, 'src', 'bank.ts'), 'utf8').includes('BANK_FILE')) {
    return 'samples/money-transfer/src/bank.ts does not read BANK_FILE';
  }
  try {
    const shared = (await import(
      pathToFileURL(path.join(sampleDir, 'src', 'shared.ts')).href
    )) as Partial<SampleShared>;
    if (typeof shared.TASK_QUEUE !== 'string' || typeof shared.transferWorkflowId !== 'function') {
      return 'samples/money-transfer/src/shared.ts has no TASK_QUEUE or transferWorkflowId';
    }
    const bank = (await import(pathToFileURL(path.join(sampleDir, 'src', 'bank.ts')).href)) as Partial<SampleShared>;
    if (typeof bank.Bank !== 'function') return 'samples/money-transfer/src/bank.ts has no Bank';
    return { ...shared, Bank: bank.Bank } as SampleShared;
  } catch (error) {
    return `samples/money-transfer/src/shared.ts does not load: ${firstLine(error)}`;
  }
}

function audit(bank: SampleBank, references: string[]): { problems: string[]; checks: string } {
  const problems: string[] = [];
  const total = Object.values(bank.balances()).reduce((sum, balance) => sum + balance, 0);
  if (total !== accountCount * openingBalance) {
    problems.push(`sum of balances ${total}, not ${accountCount * openingBalance}`);
  }
  const applied = new Map<string, number>();
  for (const { reference, operation } of bank.journal()) {
    const key = `${reference}-${operation}`;
    applied.set(key, (applied.get(key) ?? 0) + 1);
  }
  const once = references.filter(
    (reference) => applied.get(`${reference}-withdraw`) === 1 && applied.get(`${reference}-deposit`) === 1,
  ).length;
  if (once !== references.length) problems.push(`only ${once} of ${references.length} references applied exactly once`);
  return { problems, checks: `sum of balances conserved, each of ${once} references withdrawn and deposited once` };
}

type StartServer = (context: BenchContext, name: string) => Promise<BenchServer>;

/** CPU seconds each of the server's processes has used so far. */
function serverCpu(server: BenchServer): Record<string, number> {
  return Object.fromEntries(Object.entries(server.pids()).map(([name, pid]) => [name, cpuSecondsOfTree(pid) ?? NaN]));
}

async function runOnce(
  context: BenchContext,
  shared: SampleShared,
  startServer: StartServer,
  name: string,
  workerCount: number,
): Promise<Run> {
  const bankFile = path.join(context.scratch, `${name}-bank.sqlite`);
  const bank = new shared.Bank(
    bankFile,
    Object.fromEntries(Array.from({ length: accountCount }, (_, index) => [account(index), openingBalance])),
  );
  const server = await startServer(context, name);
  const workers: SampleProcess[] = [];
  const connection = await Connection.connect({ address: server.address });
  try {
    const env = { TEMPORAL_ADDRESS: server.address, BANK_FILE: bankFile };
    for (let index = 0; index < workerCount; index++) {
      const worker = startSampleProcess(sampleDir, 'src/worker.ts', env);
      track(worker.child);
      workers.push(worker);
    }
    await Promise.all(workers.map((worker) => worker.waitForLine(/Worker polling/, 60_000)));
    const client = new Client({ connection });
    const payments = Array.from({ length: context.transfers }, (_, index) => payment(index, name));

    const workerCpuBefore = workers.map((worker) => cpuSecondsOf(worker.child.pid) ?? NaN);
    const serverCpuBefore = serverCpu(server);
    const clientCpuBefore = process.cpuUsage();
    const startedAt = performance.now();
    const latenciesMs: number[] = [];
    const failures: string[] = [];
    let next = 0;
    let finished = 0;
    const runOne = async (item: Payment) => {
      const itemStartedAt = performance.now();
      try {
        const handle = await client.workflow.start('moneyTransfer', {
          taskQueue: shared.TASK_QUEUE,
          workflowId: shared.transferWorkflowId(item.referenceId),
          args: [item],
        });
        const result: unknown = await handle.result();
        if (typeof result !== 'string' || !result.startsWith('Transfer complete')) {
          throw new Error(`unexpected result ${JSON.stringify(result)}`);
        }
        latenciesMs.push(performance.now() - itemStartedAt);
      } catch (error) {
        failures.push(`${item.referenceId}: ${firstLine(error)}`);
      }
      finished += 1;
      if (finished % 250 === 0) context.progress(`${name}: ${finished}/${payments.length} transfers done`);
    };
    const lane = async () => {
      while (next < payments.length) await runOne(payments[next++]!);
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`not finished after ${runTimeoutMs / 1000} s`)), runTimeoutMs);
    });
    try {
      await Promise.race([Promise.all(Array.from({ length: context.concurrency }, lane)), timeout]);
    } finally {
      clearTimeout(timer);
    }
    const wallSeconds = seconds(startedAt);
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const workerCpuSeconds = workers.map(
      (worker, index) => (cpuSecondsOf(worker.child.pid) ?? NaN) - workerCpuBefore[index]!,
    );
    const serverCpuAfter = serverCpu(server);
    const serverProcessCpuSeconds = Object.fromEntries(
      Object.entries(serverCpuAfter).map(([process, cpu]) => [process, cpu - (serverCpuBefore[process] ?? NaN)]),
    );

    const { problems, checks } = audit(
      bank,
      payments.map((item) => item.referenceId),
    );
    if (failures.length > 0) problems.unshift(`${failures.length} transfers failed, e.g. ${failures[0]}`);
    // Visibility lags a little behind: a workflow that just completed may still count as running.
    let running = Infinity;
    for (const deadline = Date.now() + 15_000; running > 0 && Date.now() < deadline;) {
      ({ count: running } = await client.workflow.count('ExecutionStatus = "Running"'));
      if (running > 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (running > 0) problems.push(`${running} workflows still running`);
    const warnings = workers.flatMap((worker) => worker.lines.filter((line) => /^(WARN|ERROR) /.test(line)));
    return {
      wallSeconds,
      latenciesMs,
      workerCpuSeconds,
      serverProcessCpuSeconds,
      clientCpuSeconds: (clientCpu.user + clientCpu.system) / 1e6,
      problems,
      checks:
        `${latenciesMs.length}/${payments.length} completed, ${checks}, none left running; ` +
        `${warnings.length} warnings in the Worker logs${warnings[0] ? `, e.g. ${warnings[0].slice(0, 120)}` : ''}`,
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.kill('SIGINT')));
    await connection.close();
    await server.stop();
  }
}

/** The throughput on a dev server of the bench's own. */
export function benchMoneyTransfer(context: BenchContext): Promise<SectionResult> {
  return benchThroughput(context, 'dev server', startBenchServer);
}

/** The same transfers on the `pnpm cluster` service: five server processes over PostgreSQL. */
export function benchMoneyTransferCluster(context: BenchContext): Promise<SectionResult> {
  return benchThroughput(context, 'cluster', startBenchCluster);
}

async function benchThroughput(
  context: BenchContext,
  server: NonNullable<ThroughputRow['server']>,
  startServer: StartServer,
): Promise<SectionResult> {
  const shared = await loadSample();
  const rows: ThroughputRow[] = [];
  for (const workers of context.workerCounts) {
    const base = {
      ...(server === 'cluster' ? { server } : {}),
      workers,
      transfers: context.transfers,
      concurrency: context.concurrency,
    };
    if (typeof shared === 'string') {
      rows.push({ ...base, reps: 0, status: 'not available', reason: shared });
      continue;
    }
    const reps = context.reps(1);
    const runs: Run[] = [];
    let error: string | undefined;
    for (let rep = 1; rep <= reps && !error; rep++) {
      try {
        const name = `money-transfer-${server === 'cluster' ? 'cluster-' : ''}${workers}w-${rep}`;
        const run = await runOnce(context, shared, startServer, name, workers);
        runs.push(run);
        context.progress(
          `money-transfer on the ${server}, ${workers} Worker(s): ${rep}/${reps} ${context.transfers} transfers in ` +
            `${run.wallSeconds.toFixed(1)} s${run.problems.length ? `; PROBLEMS: ${run.problems.join('; ')}` : ''}`,
        );
      } catch (caught) {
        error = firstLine(caught);
        context.progress(`money-transfer on the ${server}, ${workers} Worker(s): failed: ${error}`);
      }
    }
    if (runs.length === 0) {
      rows.push({ ...base, reps: 0, status: 'failed', reason: error ?? 'no run' });
      continue;
    }
    const problems = [...new Set(runs.flatMap((run) => run.problems))];
    const status: Status = error || problems.length > 0 ? 'failed' : 'ok';
    const mid = (pick: (run: Run) => number) => median(runs.map(pick));
    const latencies = runs.flatMap((run) => run.latenciesMs);
    rows.push({
      ...base,
      reps: runs.length,
      status,
      ...(status === 'ok' ? {} : { reason: [error, ...problems].filter(Boolean).join('; ') }),
      wallSeconds: mid((run) => run.wallSeconds),
      transfersPerSecond: mid((run) => run.latenciesMs.length / run.wallSeconds),
      ...(latencies.length > 0 ? { p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) } : {}),
      workerCpuSeconds: Array.from({ length: workers }, (_, index) => mid((run) => run.workerCpuSeconds[index]!)),
      serverCpuSeconds: mid((run) => Object.values(run.serverProcessCpuSeconds).reduce((sum, cpu) => sum + cpu, 0)),
      ...(server === 'cluster'
        ? {
            serverProcessCpuSeconds: Object.fromEntries(
              Object.keys(runs[0]!.serverProcessCpuSeconds).map((process) => [
                process,
                mid((run) => run.serverProcessCpuSeconds[process] ?? NaN),
              ]),
            ),
          }
        : {}),
      clientCpuSeconds: mid((run) => run.clientCpuSeconds),
      checks: runs[0]!.checks,
    });
  }
  return { timings: [], throughput: rows };
}
