import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger, type LogLevel } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../src/activities';
import type { Bank } from '../src/bank';
import type { PaymentDetails } from '../src/shared';
import { newBank, payment } from './harness';

/** Runs one activity once, as attempt `attempt`, recording its logs. */
async function runAttempt(
  name: 'withdraw' | 'refund',
  bank: Bank,
  attempt = 1,
  overrides: Partial<PaymentDetails> = {},
) {
  const logged: { level: LogLevel; message: string }[] = [];
  const env = new MockActivityEnvironment(
    { attempt },
    {
      logger: new DefaultLogger('INFO', ({ level, message }) =>
        logged.push({ level, message }),
      ),
    },
  );
  const activities = createActivities(bank);
  const details = payment({ referenceId: 'r-1', ...overrides });
  const outcome = await env
    .run(() => activities[name](details))
    .then(
      (result) => ({ result, error: undefined }),
      (error: unknown) => ({ result: undefined, error }),
    );
  return { ...outcome, logged };
}

describe('the activities', () => {
  it('turn a refusal of the bank into a non-retryable failure typed with its code', async () => {
    const { error } = await runAttempt('withdraw', newBank(), 1, {
      sourceAccount: '27-309', // holds 100, not 250
    });

    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({
      type: 'InsufficientFundsError',
      nonRetryable: true,
    });
  });

  it('let any other error through, to be retried', async () => {
    const broken = {
      withdraw() {
        throw new Error('SQLITE_BUSY: database is locked');
      },
    } as unknown as Bank;
    const { error } = await runAttempt('withdraw', broken);

    expect(error).not.toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ message: /SQLITE_BUSY/ });
  });

  it('log an error on every refund attempt after the tenth, and not before', async () => {
    const failing = {
      refund() {
        throw new Error('The bank is down');
      },
    } as unknown as Bank;
    const tenth = await runAttempt('refund', failing, 10);
    const eleventh = await runAttempt('refund', failing, 11);

    expect(tenth.logged.filter((entry) => entry.level === 'ERROR')).toEqual([]);
    expect(eleventh.logged).toContainEqual({
      level: 'ERROR',
      message:
        'Refund of 250 to 85-150 (r-1): attempt 11, still failing. ' +
        'A person must look.',
    });
  });
});
