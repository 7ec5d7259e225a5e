/**
 * The chaos run: many concurrent transfers, some to an account that does not
 * exist and some from an account that soon runs dry, while the Worker is
 * SIGKILLed and restarted, a Worker with the deposit bug takes over for a
 * while, the dev server is killed and started again (or, on a cluster, a
 * node of it dies) and some transfers are cancelled mid-flight.
 * Then an audit: per reference, the bank applied (withdraw, deposit, refund)
 * as (1,1,0), (1,0,1) or (0,0,0), matching what the workflow reported, and
 * the sum of all balances did not change. Used by `pnpm chaos` (any size) and
 * by a test (small). The seed makes the transfers and the plan of
 * disruptions reproducible; their timing is the machine's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ActivityFailure,
  ApplicationFailure,
  Client,
  Connection,
  WorkflowFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import { Bank } from '../src/bank';
import {
  TASK_QUEUE,
  transferWorkflowId,
  type PaymentDetails,
} from '../src/shared';
import { moneyTransfer } from '../src/workflows';
import { devServer, startProgram } from './helpers';

export interface ChaosOptions {
  transfers: number;
  workerKills: number;
  serverRestarts: number;
  /** Transfers cancelled between their withdrawal and their deposit. */
  cancels: number;
  /** Periods in which a Worker with the deposit bug runs. */
  depositOutages: number;
  seed: number;
  deadlineSeconds: number;
  log?: (line: string) => void;
  /** The Temporal Service to run on; by default a dev server of the run's own
   * that "restart the server" kills and starts again. */
  service?: ChaosService;
}

/** A service that is not one process: a node of it dies instead of a restart
 * of the whole server, and the Worker keeps running. */
export interface ChaosService {
  address: string;
  /** What `disrupt()` does, as the report names it. */
  disruptionName: string;
  disrupt(): Promise<void>;
}

export interface ChaosReport {
  seed: number;
  transfers: number;
  /** How many transfers ended each way: "completed", or a failure type. */
  outcomes: Record<string, number>;
  /** The same for the transfers cancelled mid-flight. */
  cancelledOutcomes: Record<string, number>;
  disruptions: Record<string, number>;
  totalBefore: number;
  totalAfter: number;
  /** References whose journal is not (1,1,0), (1,0,1) or (0,0,0), or does
   * not match the workflow's outcome, e.g. "chaos-7: 1,0,0 but completed". */
  wrong: string[];
  stillRunning: number;
  seconds: number;
}

const rich = ['A-001', 'B-002', 'C-003', 'D-004'];
const poor = 'P-005'; // runs dry after a few transfers
const missing = 'X-404'; // not in the bank: the deposit fails, refunded
const openingBalances: Record<string, number> = {
  ...Object.fromEntries(rich.map((account) => [account, 1_000_000])),
  [poor]: 100,
};

/**
 * A dev server with a database file, so that its workflows survive a crash:
 * stop() kills it, start() starts it again on the same port.
 */
async function restartableDevServer(dbFilename: string) {
  const start = (port?: number) =>
    // Killed mid-write by design: its error logs would be noise.
    devServer({ dbFilename, port, log: { format: 'pretty', level: 'never' } });
  let env = await start();
  const port = Number(env.address.split(':').at(-1));
  return {
    address: env.address,
    stop: () => env.teardown(),
    start: async () => {
      env = await start(port);
    },
  };
}

/** A small seeded generator (mulberry32): the same seed, the same run. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One transfer in ten goes to the missing account; two come from the poor
 * one; the rest move random amounts between random rich accounts. */
function plannedTransfer(random: () => number, index: number) {
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const sourceAccount =
    index % 10 === 4 || index % 10 === 7 ? poor : pick(rich);
  const targets = rich.filter((account) => account !== sourceAccount);
  return {
    sourceAccount,
    targetAccount: index % 10 === 2 ? missing : pick(targets),
    amount: 1 + Math.floor(random() * 100),
    referenceId: `chaos-${index}`,
  } satisfies PaymentDetails;
}

type Outcome = string;

/** Waits for a workflow's end through server restarts; names the outcome. */
async function outcome(
  handle: WorkflowHandle<typeof moneyTransfer>,
  deadline: number,
): Promise<Outcome> {
  for (;;) {
    if (Date.now() > deadline)
      throw new Error(`${handle.workflowId} has no result by the deadline`);
    try {
      await handle.result();
      return 'completed';
    } catch (error) {
      if (error instanceof WorkflowFailedError) {
        const cause =
          error.cause instanceof ActivityFailure
            ? error.cause.cause
            : error.cause;
        return cause instanceof ApplicationFailure
          ? (cause.type ?? 'failed')
          : 'failed';
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** What the bank must show for a payment, given how its workflow ended. */
function expectedApplied(outcome: Outcome): string {
  if (outcome === 'completed') return '1,1,0';
  if (outcome === 'DepositFailed' || outcome === 'TransferCancelled')
    return '1,0,1';
  return '0,0,0'; // the withdrawal was refused
}

function audit(bank: Bank, outcomes: Map<string, Outcome>): string[] {
  const wrong: string[] = [];
  for (const [reference, ended] of outcomes) {
    const done = bank.journal(reference).map((entry) => entry.operation);
    const applied = (['withdraw', 'deposit', 'refund'] as const)
      .map((operation) => done.filter((o) => o === operation).length)
      .join(',');
    if (applied !== expectedApplied(ended))
      wrong.push(`${reference}: ${applied} but ${ended}`);
  }
  const balances = bank.balances();
  for (const account of Object.keys(balances)) {
    const journalled = bank
      .journal()
      .filter((entry) => entry.account === account)
      .reduce((sum, entry) => sum + entry.delta, openingBalances[account] ?? 0);
    if (journalled !== balances[account])
      wrong.push(
        `${account}: balance ${balances[account]}, journal ${journalled}`,
      );
  }
  return wrong;
}

type Disruption =
  | 'kill the Worker'
  | 'restart the server'
  | 'run a Worker with the deposit bug'
  | 'cancel a transfer'
  | 'cancel a transfer whose deposit is failing';

export async function runChaos({
  transfers,
  workerKills,
  serverRestarts,
  cancels,
  depositOutages,
  seed,
  deadlineSeconds,
  log = () => {},
  service,
}: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const deadline = started + deadlineSeconds * 1000;
  const random = randomFrom(seed);
  const scratch = mkdtempSync(path.join(tmpdir(), 'money-transfer-chaos-'));
  const bank = new Bank(path.join(scratch, 'bank.sqlite'), openingBalances);
  const total = () =>
    Object.values(bank.balances()).reduce((sum, balance) => sum + balance, 0);
  const totalBefore = total();

  const server = service
    ? undefined
    : await restartableDevServer(path.join(scratch, 'temporal.sqlite'));
  const address = service?.address ?? server!.address;
  let worker: ReturnType<typeof startProgram> | undefined;
  const startWorker = async (env: Record<string, string> = {}) => {
    worker = startProgram('src/worker.ts', [], {
      TEMPORAL_ADDRESS: address,
      BANK_FILE: bank.file,
      ...env,
    });
    await worker.waitForLine(/Worker polling/);
  };
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection });
    await startWorker();

    const payments = Array.from({ length: transfers }, (_, index) =>
      plannedTransfer(random, index),
    );
    const handles = await Promise.all(
      payments.map((payment) =>
        client.workflow.start(moneyTransfer, {
          taskQueue: TASK_QUEUE,
          workflowId: transferWorkflowId(payment.referenceId),
          args: [payment],
        }),
      ),
    );
    log(`started ${transfers} transfers`);
    const outcomes = Promise.all(
      handles.map((handle) => outcome(handle, deadline)),
    );

    // Each disruption happens once the bank has applied a (seeded) share of
    // the operations a run this size makes.
    const plan = [
      ...Array<Disruption>(workerKills).fill('kill the Worker'),
      ...Array<Disruption>(serverRestarts).fill('restart the server'),
      ...Array<Disruption>(depositOutages).fill(
        'run a Worker with the deposit bug',
      ),
      ...Array<Disruption>(cancels).fill('cancel a transfer'),
    ]
      .map((disruption) => ({
        disruption,
        after: Math.floor((0.05 + 0.75 * random()) * 2 * transfers),
      }))
      .sort((a, b) => a.after - b.after);
    const done: Record<string, number> = {};
    const cancelled = new Set<string>();
    const named = (disruption: Disruption) =>
      service && disruption === 'restart the server'
        ? service.disruptionName
        : disruption;
    const count = (disruption: Disruption) =>
      (done[named(disruption)] = (done[named(disruption)] ?? 0) + 1);
    // A transfer in the middle: withdrawn, neither deposited nor refunded.
    // Not one to the missing account: cancelled, it ends TransferCancelled,
    // and a small run could be left with no DepositFailed to audit.
    const cancelOneInFlight = async () => {
      const inFlight = payments.filter(
        ({ referenceId, targetAccount }) =>
          targetAccount !== missing &&
          bank.journal(referenceId).length === 1 &&
          !cancelled.has(referenceId),
      );
      const chosen = inFlight[Math.floor(random() * inFlight.length)];
      if (!chosen) return undefined;
      await client.workflow
        .getHandle(transferWorkflowId(chosen.referenceId))
        .cancel();
      cancelled.add(chosen.referenceId);
      return chosen.referenceId;
    };
    const killsTheWorker = (disruption: Disruption) =>
      disruption === 'kill the Worker' ||
      disruption === 'run a Worker with the deposit bug' ||
      (disruption === 'restart the server' && !service);
    for (const [index, { disruption, after }] of plan.entries()) {
      while (bank.journal().length < after) {
        if (Date.now() > deadline)
          throw new Error(`Only ${bank.journal().length} bank operations`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      if (disruption === 'cancel a transfer') {
        if (!(await cancelOneInFlight())) continue;
      } else if (disruption === 'restart the server' && service) {
        await service.disrupt();
      } else {
        await worker?.stop('SIGKILL');
        if (disruption === 'restart the server') {
          await server?.stop();
          await server?.start();
        }
        if (disruption === 'run a Worker with the deposit bug') {
          await startWorker({ MONEY_TRANSFER_DEPOSIT_FAILS: '1' });
          // Cancel one whose deposit is failing: the refund must still run.
          // Withdrawals go on while deposits fail, so one is soon in flight;
          // a fixed wait missed it on a busy machine (seen in CI).
          const cancelBy = Date.now() + 20_000;
          let cancelledOne: string | undefined;
          while (!cancelledOne && Date.now() < cancelBy) {
            await new Promise((resolve) => setTimeout(resolve, 200));
            cancelledOne = await cancelOneInFlight();
          }
          if (cancelledOne) {
            count('cancel a transfer whose deposit is failing');
            // The buggy Worker stays until that transfer has ended, so its
            // deposit cannot succeed first on a fixed Worker (seen in CI).
            const handle = client.workflow.getHandle(
              transferWorkflowId(cancelledOne),
            );
            while (
              (await handle.describe()).status.name === 'RUNNING' &&
              Date.now() < cancelBy + 30_000
            )
              await new Promise((resolve) => setTimeout(resolve, 200));
          }
          await worker?.stop('SIGINT');
        }
        // A Worker that the next disruption, already due, would kill before
        // it did anything is not started: that costs seconds and tests nothing.
        const next = plan[index + 1];
        const nextIsDue =
          next !== undefined &&
          killsTheWorker(next.disruption) &&
          bank.journal().length >= next.after;
        if (!nextIsDue) await startWorker();
      }
      count(disruption);
      log(`${named(disruption)} after ${after} bank operations`);
    }

    const ended = await outcomes;
    const byReference = new Map(
      payments.map((payment, index) => [payment.referenceId, ended[index]!]),
    );
    const tally = (kinds: Outcome[]) => {
      const counts: Record<string, number> = {};
      for (const kind of kinds) counts[kind] = (counts[kind] ?? 0) + 1;
      return counts;
    };
    // Asked of each workflow (the latest run of its id), not of the
    // visibility store, which may lag behind a run that has just closed.
    const statuses = await Promise.all(
      handles.map(
        async (handle) =>
          (await client.workflow.getHandle(handle.workflowId).describe()).status
            .name,
      ),
    );
    const stillRunning = statuses.filter((name) => name === 'RUNNING').length;
    return {
      seed,
      transfers,
      outcomes: tally(ended),
      cancelledOutcomes: tally(
        [...cancelled].map((reference) => byReference.get(reference)!),
      ),
      disruptions: done,
      totalBefore,
      totalAfter: total(),
      wrong: audit(bank, byReference),
      stillRunning,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await worker?.stop('SIGKILL');
    await connection.close();
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}
