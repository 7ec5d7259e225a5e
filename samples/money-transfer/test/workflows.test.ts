// The workflow on the time-skipping server with a real Worker and the real
// bank in a temporary file: retries and backoff cost no real time.
import { activityInfo, sleep } from '@temporalio/activity';
import {
  ActivityFailure,
  ApplicationFailure,
  WorkflowFailedError,
} from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, type BankingActivities } from '../src/activities';
import type { Bank } from '../src/bank';
import { DEPOSIT_ATTEMPTS } from '../src/workflows';
import {
  appliedOf,
  expectMoneyInOnePlace,
  newBank,
  opening,
  payment,
  runTransfer as runOn,
  type Transfer,
} from './harness';
import { bundle, timeSkippingServer } from './helpers';

let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundle;

beforeAll(async () => {
  env = await timeSkippingServer();
  workflowBundle = await bundle(
    new URL('../src/workflows.ts', import.meta.url),
  );
});

afterAll(async () => {
  await env?.teardown();
});

afterEach(() => {
  delete process.env.MONEY_TRANSFER_DEPOSIT_FAILS;
});

const runTransfer = (
  bank: Bank,
  details: unknown,
  replacements: Partial<BankingActivities> = {},
  args?: unknown[],
) => runOn(env, workflowBundle, bank, details, replacements, { args });

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

    const [withdrawal, deposit] = bank.journal(details.referenceId);
    expect(transfer.attempts).toEqual(['withdraw #1', 'deposit #1']);
    expect(transfer.result).toBe(
      `Transfer complete (withdrawal ${withdrawal?.transactionId}, ` +
        `deposit ${deposit?.transactionId})`,
    );
    expect(bank.balances()).toEqual({
      '85-150': 1750,
      '43-812': 750,
      '27-309': 100,
    });
    expect(appliedOf(bank, details.referenceId)).toEqual([1, 1, 0]);
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
      nonRetryable: true,
    });
    expect(bank.balances()).toEqual(opening);
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
    expect(bank.journal()).toEqual([]);
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
    expect(bank.balances()).toEqual(opening);
    expect(appliedOf(bank, details.referenceId)).toEqual([1, 0, 1]);
  });

  it('retries a failing deposit up to its limit, then refunds and says the money went back', async () => {
    process.env.MONEY_TRANSFER_DEPOSIT_FAILS = '1';
    const bank = newBank();
    const details = payment();
    const transfer = await runTransfer(bank, details);

    const depositAttempts = transfer.attempts.filter((attempt) =>
      attempt.startsWith('deposit'),
    );
    expect(depositAttempts).toHaveLength(DEPOSIT_ATTEMPTS);
    expect(transfer.attempts.at(-1)).toBe('refund #1');
    expect(failureOf(transfer).message).toMatch(/went back to 85-150/);
    expect(appliedOf(bank, details.referenceId)).toEqual([1, 0, 1]);
    expect(bank.balances()).toEqual(opening);
  });

  it('finds the money delivered when the last deposit attempt applied and then timed out', async () => {
    const bank = newBank();
    const details = payment();
    const real = createActivities(bank);
    const transfer = await runTransfer(bank, details, {
      async deposit(input) {
        if (activityInfo().attempt < DEPOSIT_ATTEMPTS)
          throw new Error('The deposit service is down');
        const transactionId = await real.deposit(input);
        // Longer than the 5-second start-to-close timeout: the attempt fails.
        await sleep('10 seconds');
        return transactionId;
      },
    });

    expect(transfer.attempts.slice(-2)).toEqual([
      `deposit #${DEPOSIT_ATTEMPTS}`,
      'refund #1',
    ]);
    expect(transfer.result).toMatch(
      /^Transfer complete .*the bank had already deposited this payment/,
    );
    expect(appliedOf(bank, details.referenceId)).toEqual([1, 1, 0]);
    expectMoneyInOnePlace(bank, details.referenceId);
  });

  it('retries a failing refund past any limit, and it lands', async () => {
    const bank = newBank();
    const details = payment({ targetAccount: '00-000' });
    const real = createActivities(bank);
    const transfer = await runTransfer(bank, details, {
      async refund(input) {
        if (activityInfo().attempt <= DEPOSIT_ATTEMPTS + 5)
          throw new Error('The bank is busy');
        return await real.refund(input);
      },
    });

    expect(transfer.attempts.at(-1)).toBe(`refund #${DEPOSIT_ATTEMPTS + 6}`);
    expect(failureOf(transfer).message).toMatch(/went back to 85-150/);
    expect(appliedOf(bank, details.referenceId)).toEqual([1, 0, 1]);
  });

  it('says a person must act when the bank refuses the refund', async () => {
    const bank = newBank();
    const refused = async (): Promise<string> => {
      throw ApplicationFailure.nonRetryable('The bank is closed', 'Closed');
    };
    const transfer = await runTransfer(bank, payment(), {
      deposit: refused,
      refund: refused,
    });

    expect(transfer.attempts).toEqual([
      'withdraw #1',
      'deposit #1',
      'refund #1',
    ]);
    const failure = failureOf(transfer);
    expect(failure.type).toBe('RefundFailed');
    expect(failure.message).toMatch(/A person must act/);
    // The money is out of the source account and nowhere else: exactly what
    // the message reports.
    expect(bank.balances()).toEqual({ ...opening, '85-150': 1750 });
  });

  it('debits once when a withdraw reached the bank but its reply was lost', async () => {
    const bank = newBank();
    const real = createActivities(bank);
    const transfer = await runTransfer(bank, payment(), {
      async withdraw(details) {
        const transactionId = await real.withdraw(details);
        if (activityInfo().attempt === 1)
          throw new Error('Connection reset before the reply arrived');
        return transactionId;
      },
    });

    expect(transfer.attempts).toEqual([
      'withdraw #1',
      'withdraw #2',
      'deposit #1',
    ]);
    expect(bank.balances()).toEqual({
      '85-150': 1750,
      '43-812': 750,
      '27-309': 100,
    });
  });

  it('fails without retrying when a reference is reused with another amount', async () => {
    const bank = newBank();
    const first = payment();
    await runTransfer(bank, first);
    const reused = await runTransfer(bank, { ...first, amount: 300 });

    expect(reused.attempts).toEqual(['withdraw #1']);
    expect(activityErrorOf(reused)).toMatchObject({
      type: 'IdempotencyKeyReused',
      nonRetryable: true,
    });
    expect(bank.balances()['85-150']).toBe(1750);
  });

  // Input from a client other than our starter (the CLI, another SDK).
  it.each<[string, unknown[], RegExp]>([
    ['null', [null], /Invalid payment: not an object/],
    ['a number', [250], /Invalid payment: not an object/],
    ['a string', ['250'], /Invalid payment: not an object/],
    ['no input', [], /Invalid payment: not an object/],
    [
      'a numeric account',
      [{ ...payment(), sourceAccount: 85150 }],
      /sourceAccount/,
    ],
    ['a blank reference', [{ ...payment(), referenceId: ' ' }], /referenceId/],
    ['no reference', [{ ...payment(), referenceId: undefined }], /referenceId/],
    [
      'a string amount',
      [{ ...payment(), amount: '250' }],
      /amount must be a number/,
    ],
  ])(
    'fails for good on %s before any money moves, naming the field',
    async (_, args, field) => {
      const bank = newBank();
      const transfer = await runTransfer(bank, undefined, {}, args);

      const failure = failureOf(transfer);
      expect(failure).toMatchObject({
        type: 'InvalidPaymentError',
        nonRetryable: true,
      });
      expect(failure.message).toMatch(field);
      expect(transfer.scheduledActivities).toBe(0);
      // Failed at once, not a workflow task failing again and again.
      expect(transfer.failedWorkflowTasks).toBe(0);
    },
  );

  it.each([0, -5, 2.5, 1e20])(
    'lets the bank refuse the amount %s, on the first attempt, before any money moves',
    async (amount) => {
      const bank = newBank();
      const transfer = await runTransfer(bank, payment({ amount }));

      expect(transfer.attempts).toEqual(['withdraw #1']);
      expect(activityErrorOf(transfer)).toMatchObject({
        type: 'InvalidAmountError',
      });
      expect(bank.journal()).toEqual([]);
    },
  );
});
