// Cancel and Reset are ordinary user actions (the Web UI's buttons, `temporal
// workflow cancel|reset`); a second start of a payment is in programs.test.ts.
// Whatever they do, the money must end up in exactly one place, and the
// outcome must say where. On a real dev server, whose rules are production's.
import { activityInfo } from '@temporalio/activity';
import { ApplicationFailure, WorkflowFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, type BankingActivities } from '../src/activities';
import { transferWorkflowId, type PaymentDetails } from '../src/shared';
import { moneyTransfer } from '../src/workflows';
import {
  appliedOf,
  expectMoneyInOnePlace,
  newBank,
  opening,
  payment,
  runTransfer,
  type Transfer,
} from './harness';
import { bundle, devServer } from './helpers';

let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundle;

beforeAll(async () => {
  env = await devServer();
  workflowBundle = await bundle(
    new URL('../src/workflows.ts', import.meta.url),
  );
});

afterAll(async () => {
  await env?.teardown();
});

/**
 * Runs a transfer whose activities are the real ones, except where `cancelIn`
 * replaces one: it gets the real activities and a function that cancels
 * this transfer.
 */
async function cancelledTransfer(
  details: PaymentDetails,
  cancelIn: (
    real: BankingActivities,
    cancel: () => Promise<unknown>,
  ) => Partial<BankingActivities>,
) {
  const bank = newBank();
  const workflowId = transferWorkflowId(details.referenceId);
  const cancel = () => env.client.workflow.getHandle(workflowId).cancel();
  const transfer = await runTransfer(
    env,
    workflowBundle,
    bank,
    details,
    cancelIn(createActivities(bank), cancel),
    { workflowId },
  );
  expectMoneyInOnePlace(bank, details.referenceId);
  return { transfer, applied: appliedOf(bank, details.referenceId) };
}

function failureOf(transfer: Transfer): ApplicationFailure {
  expect(transfer.error).toBeInstanceOf(WorkflowFailedError);
  return (transfer.error as WorkflowFailedError).cause as ApplicationFailure;
}

const lostReply = () => new Error('Connection reset before the reply arrived');

describe('cancelling a transfer', () => {
  it('before any Worker ran it: the withdrawal still runs to its answer, then the money goes back', async () => {
    const bank = newBank();
    const details = payment();
    const workflowId = transferWorkflowId(details.referenceId);
    const taskQueue = `before-${details.referenceId}`;
    const handle = await env.client.workflow.start(moneyTransfer, {
      taskQueue,
      workflowId,
      args: [details],
    });
    await handle.cancel();
    const transfer = await runTransfer(
      env,
      workflowBundle,
      bank,
      details,
      {},
      {
        workflowId,
        taskQueue,
        runId: handle.firstExecutionRunId,
      },
    );

    expect(transfer.attempts).toEqual(['withdraw #1', 'refund #1']);
    expect(failureOf(transfer)).toMatchObject({ type: 'TransferCancelled' });
    expect(appliedOf(bank, details.referenceId)).toEqual([1, 0, 1]);
    expectMoneyInOnePlace(bank, details.referenceId);
  });

  it('while a withdraw whose reply was lost is retried: it finishes, then the money goes back', async () => {
    const { transfer, applied } = await cancelledTransfer(
      payment(),
      (real, cancel) => ({
        async withdraw(details) {
          const transactionId = await real.withdraw(details);
          if (activityInfo().attempt > 1) return transactionId;
          await cancel();
          throw lostReply();
        },
      }),
    );

    expect(transfer.attempts).toEqual([
      'withdraw #1',
      'withdraw #2',
      'refund #1',
    ]);
    expect(failureOf(transfer)).toMatchObject({ type: 'TransferCancelled' });
    expect(failureOf(transfer).message).toMatch(
      /^The transfer was cancelled; the 250 went back to 85-150 \(refund /,
    );
    expect(applied).toEqual([1, 0, 1]);
  });

  it('while the deposit is being retried: the refund runs and the failure says so', async () => {
    const { transfer, applied } = await cancelledTransfer(
      payment(),
      (_, cancel) => ({
        async deposit() {
          if (activityInfo().attempt === 2) await cancel();
          throw new Error('The deposit service is down');
        },
      }),
    );

    expect(transfer.attempts).toEqual([
      'withdraw #1',
      'deposit #1',
      'deposit #2',
      'refund #1',
    ]);
    expect(failureOf(transfer)).toMatchObject({ type: 'TransferCancelled' });
    expect(failureOf(transfer).message).toMatch(/went back to 85-150/);
    expect(applied).toEqual([1, 0, 1]);
  });

  it('while a deposit attempt is running: the workflow waits for it, and it completes', async () => {
    const { transfer, applied } = await cancelledTransfer(
      payment(),
      (real, cancel) => ({
        async deposit(details) {
          await cancel();
          // Time for the cancel to reach the workflow before the deposit.
          await new Promise((resolve) => setTimeout(resolve, 1000));
          return await real.deposit(details);
        },
      }),
    );

    expect(transfer.attempts).toEqual(['withdraw #1', 'deposit #1']);
    expect(transfer.result).toMatch(/^Transfer complete \(withdrawal .*, dep/);
    expect(applied).toEqual([1, 1, 0]);
  });

  it('while the refund is being retried: the refund still lands', async () => {
    const { transfer, applied } = await cancelledTransfer(
      payment({ targetAccount: '00-000' }),
      (real, cancel) => ({
        async refund(details) {
          if (activityInfo().attempt > 1) return await real.refund(details);
          await cancel();
          throw new Error('The bank is busy');
        },
      }),
    );

    expect(transfer.attempts).toEqual([
      'withdraw #1',
      'deposit #1',
      'refund #1',
      'refund #2',
    ]);
    expect(failureOf(transfer)).toMatchObject({ type: 'DepositFailed' });
    expect(failureOf(transfer).message).toMatch(/went back to 85-150/);
    expect(applied).toEqual([1, 0, 1]);
  });
});

describe('resetting a transfer', () => {
  it('after drill 4 (refunded) and a fixed deposit, to just after the withdrawal: no money is created', async () => {
    const bank = newBank();
    const details = payment();
    const workflowId = transferWorkflowId(details.referenceId);
    // Drill 4 in fast-forward: the deposit fails for good, the refund runs.
    const drill4 = await runTransfer(
      env,
      workflowBundle,
      bank,
      details,
      {
        async deposit() {
          throw ApplicationFailure.nonRetryable('Out of retries', 'Broken');
        },
      },
      { workflowId },
    );
    expect(failureOf(drill4)).toMatchObject({ type: 'DepositFailed' });
    const refund = bank.journal(details.referenceId).at(-1);

    // A person deploys the fixed deposit and resets the transfer to the
    // first workflow task completed after the withdrawal.
    const events =
      (await env.client.workflow.getHandle(workflowId).fetchHistory()).events ??
      [];
    const withdrawn = events.findIndex(
      (event) => event.activityTaskCompletedEventAttributes,
    );
    const resetPoint = events
      .slice(withdrawn)
      .find((event) => event.workflowTaskCompletedEventAttributes)!.eventId;
    const { runId } = await env.client.workflowService.resetWorkflowExecution({
      namespace: 'default',
      workflowExecution: { workflowId },
      workflowTaskFinishEventId: resetPoint,
      requestId: crypto.randomUUID(),
      reason: 'the deposit is fixed',
    });
    const afterReset = await runTransfer(
      env,
      workflowBundle,
      bank,
      details,
      {},
      {
        workflowId,
        taskQueue: drill4.taskQueue,
        runId,
      },
    );

    // The new run's deposit is refused: the payment was refunded. Its refund
    // is the same key, so the bank answers with the first refund's id.
    expect(afterReset.attempts).toEqual(['deposit #1', 'refund #1']);
    expect(failureOf(afterReset).message).toContain(
      `went back to 85-150 (refund ${refund?.transactionId})`,
    );
    expect(appliedOf(bank, details.referenceId)).toEqual([1, 0, 1]);
    expect(bank.balances()).toEqual(opening);
  });
});
