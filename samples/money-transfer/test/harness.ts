/**
 * Runs one transfer on a real Worker with the sample's activities (or
 * replacements that wrap them), on whatever Temporal server the test uses, and
 * records every activity attempt and what the bank journaled for the payment.
 */
import { activityInfo } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { NativeConnection, WorkflowBundle } from '@temporalio/worker';
import { expect } from 'vitest';
import { createActivities, type BankingActivities } from '../src/activities';
import { Bank } from '../src/bank';
import { TASK_QUEUE, type PaymentDetails } from '../src/shared';
import { moneyTransfer } from '../src/workflows';
import { testWorker } from './helpers';

// The SDK's warnings through console, which vitest shows only for a test that
// failed (its default logger writes to stderr, which vitest cannot hold back).
export const opening = { '85-150': 2000, '43-812': 500, '27-309': 100 };

/** The sample's bank, in memory: these tests' activities run in their process. */
export const newBank = () => new Bank(':memory:', opening);

export function payment(
  overrides: Partial<PaymentDetails> = {},
): PaymentDetails {
  return {
    sourceAccount: '85-150',
    targetAccount: '43-812',
    amount: 250,
    referenceId: `ref-${crypto.randomUUID()}`,
    ...overrides,
  };
}

export interface Server {
  client: Client;
  nativeConnection: NativeConnection;
}

export interface Transfer {
  result?: string;
  error?: unknown;
  /** Every activity attempt in order, e.g. "withdraw #1". */
  attempts: string[];
  scheduledActivities: number;
  failedWorkflowTasks: number;
  taskQueue: string;
}

export interface RunOptions {
  workflowId?: string;
  taskQueue?: string;
  /** Run a Worker for this run (e.g. one a Reset made) instead of starting. */
  runId?: string;
  /** The workflow's arguments as another client may send them: [details]. */
  args?: unknown[];
}

export async function runTransfer(
  server: Server,
  workflowBundle: WorkflowBundle,
  bank: Bank,
  details: unknown,
  replacements: Partial<BankingActivities> = {},
  {
    workflowId = `transfer-${crypto.randomUUID()}`,
    taskQueue = `${TASK_QUEUE}-${crypto.randomUUID()}`,
    runId,
    args = [details],
  }: RunOptions = {},
): Promise<Transfer> {
  const attempts: string[] = [];
  const activities = { ...createActivities(bank), ...replacements };
  const observed = Object.fromEntries(
    Object.entries(activities).map(([name, activity]) => [
      name,
      (input: PaymentDetails) => {
        attempts.push(`${name} #${activityInfo().attempt}`);
        return activity(input);
      },
    ]),
  );
  const worker = await testWorker({
    connection: server.nativeConnection,
    taskQueue,
    workflowBundle,
    activities: observed,
  });
  const ended: Promise<string> = runId
    ? server.client.workflow
        .getHandle<typeof moneyTransfer>(workflowId, runId)
        .result()
    : server.client.workflow.execute(moneyTransfer, {
        taskQueue,
        workflowId,
        args: args as [PaymentDetails],
      });
  const outcome = await worker.runUntil(
    ended.then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    ),
  );
  const history = await server.client.workflow
    .getHandle(workflowId, runId)
    .fetchHistory();
  const events = history.events ?? [];
  const scheduledActivities = events.filter(
    (event) => event.activityTaskScheduledEventAttributes,
  ).length;
  const failedWorkflowTasks = events.filter(
    (event) => event.workflowTaskFailedEventAttributes,
  ).length;
  return {
    ...outcome,
    attempts,
    scheduledActivities,
    failedWorkflowTasks,
    taskQueue,
  };
}

/** How often the bank applied (withdraw, deposit, refund) for a payment. */
export function appliedOf(bank: Bank, reference: string): number[] {
  const operations = bank.journal(reference).map((entry) => entry.operation);
  return (['withdraw', 'deposit', 'refund'] as const).map(
    (operation) => operations.filter((done) => done === operation).length,
  );
}

/**
 * The money is in exactly one place: moved, sent back, or never taken; and
 * the bank's total is what it was.
 */
export function expectMoneyInOnePlace(bank: Bank, reference: string) {
  expect([
    [1, 1, 0],
    [1, 0, 1],
    [0, 0, 0],
  ]).toContainEqual(appliedOf(bank, reference));
  const total = (balances: Record<string, number>) =>
    Object.values(balances).reduce((sum, balance) => sum + balance, 0);
  expect(total(bank.balances())).toBe(total(opening));
}
