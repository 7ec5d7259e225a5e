import path from 'node:path';
import { activityInfo } from '@temporalio/activity';
import {
  ActivityFailure,
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
} from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import {
  bundleWorkflows,
  createTimeSkippingEnv,
  scratchDir,
} from '@temporal-tutorials/tooling/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, type BankingActivities } from '../src/activities';
import { Bank } from '../src/bank';
import {
  TASK_QUEUE,
  transferWorkflowId,
  type PaymentDetails,
} from '../src/shared';
import { moneyTransfer, retryPolicy } from '../src/workflows';

const opening = { '85-150': 2000, '43-812': 500, '27-309': 100 };

let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  workflowBundle = await bundleWorkflows(
    new URL('../src/workflows.ts', import.meta.url),
  );
});

afterAll(async () => {
  await env?.teardown();
});

afterEach(() => {
  delete process.env.MONEY_TRANSFER_DEPOSIT_FAILS;
});

const newBank = () =>
  new Bank(path.join(scratchDir('bank'), 'ledger.json'), opening);

function payment(overrides: Partial<PaymentDetails> = {}): PaymentDetails {
  return {
    sourceAccount: '85-150',
    targetAccount: '43-812',
    amount: 250,
    referenceId: `ref-${crypto.randomUUID()}`,
    ...overrides,
  };
}

interface Transfer {
  result?: string;
  error?: unknown;
  /** Every activity attempt in order, e.g. "withdraw #1". */
  attempts: string[];
  scheduledActivities: number;
}

/** Runs one transfer on a real Worker with the sample's activities (or replacements), observed. */
async function runTransfer(
  bank: Bank,
  details: PaymentDetails,
  replacements: Partial<BankingActivities> = {},
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
  const taskQueue = `${TASK_QUEUE}-${crypto.randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle,
    activities: observed,
  });
  const workflowId = transferWorkflowId(details.referenceId);
  const outcome = await worker.runUntil(
    env.client.workflow
      .execute(moneyTransfer, { taskQueue, workflowId, args: [details] })
      .then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      ),
  );
  const history = await env.client.workflow
    .getHandle(workflowId)
    .fetchHistory();
  const scheduledActivities = (history.events ?? []).filter(
    (event) => event.activityTaskScheduledEventAttributes,
  ).length;
  return { ...outcome, attempts, scheduledActivities };
}

function failureOf(transfer: Transfer): ApplicationFailure {
  expect(transfer.error).toBeInstanceOf(WorkflowFailedError);
  const cause = (transfer.error as WorkflowFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

function activityErrorOf(transfer: Transfer): ApplicationFailure {
  expect(transfer.error).toBeInstanceOf(WorkflowFailedError);
  const cause = (transfer.error as WorkflowFailedError).cause;
  expect(cause).toBeInstanceOf(ActivityFailure);
  return (cause as ActivityFailure).cause as ApplicationFailure;
}

describe('moneyTransfer', () => {
  it('withdraws and deposits once, and reports both transaction ids', async () => {
    const bank = newBank();
    const details = payment();
    const transfer = await runTransfer(bank, details);

    const { balances, journal } = await bank.ledger();
    expect(transfer.attempts).toEqual(['withdraw #1', 'deposit #1']);
    expect(transfer.result).toBe(
      `Transfer complete (withdrawal ${journal[0]?.transactionId}, deposit ${journal[1]?.transactionId})`,
    );
    expect(balances).toEqual({ '85-150': 1750, '43-812': 750, '27-309': 100 });
    expect(journal.map((operation) => operation.key)).toEqual([
      `${details.referenceId}-withdraw`,
      `${details.referenceId}-deposit`,
    ]);
  });

  it('fails on the first attempt, without retrying, when the source account has too little', async () => {
    const bank = newBank();
    const transfer = await runTransfer(
      bank,
      payment({ sourceAccount: '27-309', amount: 101 }),
    );

    expect(transfer.attempts).toEqual(['withdraw #1']);
    expect(activityErrorOf(transfer)).toMatchObject({
      type: 'InsufficientFundsError',
    });
    expect(await bank.ledger()).toEqual({ balances: opening, journal: [] });
  });

  it('fails on the first attempt, without retrying, when the source account does not exist', async () => {
    const bank = newBank();
    const transfer = await runTransfer(
      bank,
      payment({ sourceAccount: '00-000' }),
    );

    expect(transfer.attempts).toEqual(['withdraw #1']);
    expect(activityErrorOf(transfer)).toMatchObject({
      type: 'InvalidAccountError',
    });
    expect(await bank.ledger()).toEqual({ balances: opening, journal: [] });
  });

  it('refunds, after one deposit attempt, when the target account does not exist', async () => {
    const bank = newBank();
    const details = payment({ targetAccount: '00-000' });
    const transfer = await runTransfer(bank, details);

    expect(transfer.attempts).toEqual([
      'withdraw #1',
      'deposit #1',
      'refund #1',
    ]);
    const failure = failureOf(transfer);
    expect(failure.type).toBe('DepositFailed');
    expect(failure.message).toMatch(/the 250 went back to 85-150/);
    expect(failure.cause).toBeInstanceOf(ActivityFailure);
    const { balances, journal } = await bank.ledger();
    expect(balances).toEqual(opening);
    expect(journal.map((operation) => operation.key)).toEqual([
      `${details.referenceId}-withdraw`,
      `${details.referenceId}-refund`,
    ]);
  });

  it('retries a failing deposit up to the policy, then refunds and says the money went back', async () => {
    process.env.MONEY_TRANSFER_DEPOSIT_FAILS = '1';
    const bank = newBank();
    const transfer = await runTransfer(bank, payment());

    const depositAttempts = transfer.attempts.filter((attempt) =>
      attempt.startsWith('deposit'),
    );
    expect(depositAttempts).toHaveLength(retryPolicy.maximumAttempts!);
    expect(transfer.attempts.at(-1)).toBe('refund #1');
    expect(failureOf(transfer).message).toMatch(/went back to 85-150/);
    expect((await bank.ledger()).balances).toEqual(opening);
  });

  it('says a person must act when the refund fails too', async () => {
    const bank = newBank();
    const unavailable = async (): Promise<string> => {
      throw ApplicationFailure.nonRetryable('The bank is closed', 'BankClosed');
    };
    const transfer = await runTransfer(bank, payment(), {
      deposit: unavailable,
      refund: unavailable,
    });

    expect(transfer.attempts).toEqual([
      'withdraw #1',
      'deposit #1',
      'refund #1',
    ]);
    const failure = failureOf(transfer);
    expect(failure.type).toBe('RefundFailed');
    expect(failure.message).toMatch(/A person must act/);
    // The money is out of the source account and nowhere else: exactly what the message reports.
    expect((await bank.ledger()).balances).toEqual({
      ...opening,
      '85-150': 1750,
    });
  });

  it('debits once when a withdraw reached the bank but its reply was lost', async () => {
    const bank = newBank();
    const activities = createActivities(bank);
    const lostReply: BankingActivities['withdraw'] = async (details) => {
      const transactionId = await activities.withdraw(details);
      if (activityInfo().attempt === 1)
        throw new Error('Connection reset before the reply arrived');
      return transactionId;
    };
    const transfer = await runTransfer(bank, payment(), {
      withdraw: lostReply,
    });

    expect(transfer.attempts).toEqual([
      'withdraw #1',
      'withdraw #2',
      'deposit #1',
    ]);
    expect((await bank.ledger()).balances).toEqual({
      '85-150': 1750,
      '43-812': 750,
      '27-309': 100,
    });
  });

  it.each<[string, Partial<PaymentDetails>]>([
    ['a zero amount', { amount: 0 }],
    ['a negative amount', { amount: -5 }],
    ['a fractional amount', { amount: 2.5 }],
    ['an absurd amount', { amount: 1e12 }],
    ['a missing amount', { amount: Number.NaN }],
    ['the same source and target', { targetAccount: '85-150' }],
    ['an empty reference id', { referenceId: ' ' }],
  ])('rejects %s before any money moves', async (_, overrides) => {
    const bank = newBank();
    const details = {
      ...payment(),
      ...overrides,
      referenceId: overrides.referenceId ?? `ref-${crypto.randomUUID()}`,
    };
    const transfer = await runTransfer(bank, details);

    expect(failureOf(transfer)).toMatchObject({
      type: 'InvalidPaymentError',
      nonRetryable: true,
    });
    expect(transfer.scheduledActivities).toBe(0);
    expect(await bank.ledger()).toEqual({ balances: opening, journal: [] });
  });

  it('refuses a second start with the same reference id, so a payment is never made twice', async () => {
    const bank = newBank();
    const details = payment();
    await runTransfer(bank, details);

    const again = env.client.workflow.start(moneyTransfer, {
      taskQueue: TASK_QUEUE,
      workflowId: transferWorkflowId(details.referenceId),
      args: [details],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    await expect(again).rejects.toBeInstanceOf(
      WorkflowExecutionAlreadyStartedError,
    );
    expect((await bank.ledger()).balances['85-150']).toBe(1750);
  });
});
