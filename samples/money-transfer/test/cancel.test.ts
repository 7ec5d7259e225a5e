// Cancel is an ordinary user action (the Web UI's Cancel button,
// `temporal workflow cancel`). Wherever it lands, the money must end up in
// exactly one place, and the outcome must say where. On a real dev server,
// whose cancellation rules are the production ones.
import { activityInfo } from '@temporalio/activity';
import { ApplicationFailure, WorkflowFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import {
  bundleWorkflows,
  createDevServerEnv,
} from '@temporal-tutorials/tooling/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, type BankingActivities } from '../src/activities';
import { transferWorkflowId, type PaymentDetails } from '../src/shared';
import {
  appliedOf,
  expectMoneyInOnePlace,
  newBank,
  payment,
  runTransfer,
  type Transfer,
} from './harness';

let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  env = await createDevServerEnv();
  workflowBundle = await bundleWorkflows(
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
    workflowId,
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
