/**
 * The chaos run: many concurrent transfers between a few accounts while the Worker is SIGKILLed
 * and restarted and the dev server restarts. Used by `pnpm chaos` (any size) and by a test (small).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  Client,
  Connection,
  WorkflowFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import {
  startRestartableDevServer,
  startSampleProcess,
  type SampleProcess,
} from '@temporal-tutorials/tooling/testing';
import { Bank, type Ledger } from '../src/bank';
import {
  TASK_QUEUE,
  transferWorkflowId,
  type PaymentDetails,
} from '../src/shared';
import { moneyTransfer } from '../src/workflows';

export interface ChaosOptions {
  transfers: number;
  workerKills: number;
  serverRestarts: number;
  log?: (line: string) => void;
}

export interface ChaosReport {
  transfers: number;
  completed: number;
  workerKills: number;
  serverRestarts: number;
  totalBefore: number;
  totalAfter: number;
  /** References whose withdraw and deposit are each in the bank's journal exactly once. */
  appliedExactlyOnce: number;
  /** The bank's journal disagrees with its balances for this many accounts. */
  inconsistentAccounts: number;
  stillRunning: number;
  seconds: number;
}

const accounts = ['A-001', 'B-002', 'C-003', 'D-004', 'E-005'];
const openingBalance = 1_000_000;
const sampleDir = new URL('..', import.meta.url);

function randomTransfer(index: number): PaymentDetails {
  const source = Math.floor(Math.random() * accounts.length);
  const target =
    (source + 1 + Math.floor(Math.random() * (accounts.length - 1))) %
    accounts.length;
  return {
    sourceAccount: accounts[source]!,
    targetAccount: accounts[target]!,
    amount: 1 + Math.floor(Math.random() * 100),
    referenceId: `chaos-${index}`,
  };
}

/** Waits for a workflow's result through server restarts: only the workflow's own failure is final. */
async function outcome(
  handle: WorkflowHandle<typeof moneyTransfer>,
  deadline: number,
): Promise<'completed' | 'failed'> {
  for (;;) {
    if (Date.now() > deadline)
      throw new Error(
        `${handle.workflowId} has no result after the chaos run's time limit`,
      );
    try {
      await handle.result();
      return 'completed';
    } catch (error) {
      if (error instanceof WorkflowFailedError) return 'failed';
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

function audit(ledger: Ledger, references: string[]) {
  const keys = new Map<string, number>();
  for (const { key } of ledger.journal) keys.set(key, (keys.get(key) ?? 0) + 1);
  const appliedExactlyOnce = references.filter(
    (reference) =>
      keys.get(`${reference}-withdraw`) === 1 &&
      keys.get(`${reference}-deposit`) === 1,
  ).length;
  const inconsistentAccounts = accounts.filter((account) => {
    const journalled = ledger.journal
      .filter((operation) => operation.account === account)
      .reduce((sum, operation) => sum + operation.delta, openingBalance);
    return journalled !== ledger.balances[account];
  }).length;
  const totalAfter = Object.values(ledger.balances).reduce(
    (sum, balance) => sum + balance,
    0,
  );
  return { appliedExactlyOnce, inconsistentAccounts, totalAfter };
}

export async function runChaos({
  transfers,
  workerKills,
  serverRestarts,
  log = () => {},
}: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const scratch = mkdtempSync(path.join(tmpdir(), 'money-transfer-chaos-'));
  const bank = new Bank(path.join(scratch, 'ledger.json'));
  const opening: Ledger = {
    balances: Object.fromEntries(
      accounts.map((account) => [account, openingBalance]),
    ),
    journal: [],
  };
  writeFileSync(bank.file, JSON.stringify(opening));

  const server = await startRestartableDevServer(
    path.join(scratch, 'temporal.sqlite'),
  );
  let worker: SampleProcess | undefined;
  const startWorker = async () => {
    worker = startSampleProcess(sampleDir, 'src/worker.ts', {
      TEMPORAL_ADDRESS: server.address,
      BANK_FILE: bank.file,
    });
    await worker.waitForLine(/Worker polling/);
  };
  const connection = await Connection.connect({ address: server.address });
  try {
    const client = new Client({ connection });
    await startWorker();

    const payments = Array.from({ length: transfers }, (_, index) =>
      randomTransfer(index),
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
    const deadline = Date.now() + 10 * 60_000;
    const outcomes = Promise.all(
      handles.map((handle) => outcome(handle, deadline)),
    );

    // Disruptions at evenly spaced points of progress, measured in operations the bank applied.
    const disruptions = [
      ...Array.from({ length: workerKills }, () => 'kill the Worker' as const),
      ...Array.from(
        { length: serverRestarts },
        () => 'restart the server' as const,
      ),
    ].sort(() => Math.random() - 0.5);
    let workerKillsDone = 0;
    let serverRestartsDone = 0;
    for (const [index, disruption] of disruptions.entries()) {
      const threshold = Math.floor(
        ((index + 1) * 2 * transfers) / (disruptions.length + 1),
      );
      while ((await bank.ledger()).journal.length < threshold)
        await new Promise((resolve) => setTimeout(resolve, 50));
      if (disruption === 'kill the Worker') {
        await worker?.kill('SIGKILL');
        workerKillsDone += 1;
      } else {
        await server.stop();
        await server.start();
        // A Worker that lost its server may give up polling: start a fresh one either way.
        await worker?.kill('SIGKILL');
        serverRestartsDone += 1;
      }
      log(`${disruption} after ${threshold} bank operations`);
      await startWorker();
    }

    const completed = (await outcomes).filter(
      (result) => result === 'completed',
    ).length;
    const { count: stillRunning } = await client.workflow.count(
      'ExecutionStatus = "Running"',
    );
    const { appliedExactlyOnce, inconsistentAccounts, totalAfter } = audit(
      await bank.ledger(),
      payments.map((payment) => payment.referenceId),
    );
    return {
      transfers,
      completed,
      workerKills: workerKillsDone,
      serverRestarts: serverRestartsDone,
      totalBefore: accounts.length * openingBalance,
      totalAfter,
      appliedExactlyOnce,
      inconsistentAccounts,
      stillRunning,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await worker?.kill('SIGKILL');
    await connection.close();
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}
