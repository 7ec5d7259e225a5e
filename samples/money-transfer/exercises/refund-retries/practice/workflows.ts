import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { BankingActivities } from '../../../src/activities';
import type { PaymentDetails } from '../../../src/shared';

// One policy for all three activities: each is tried at most 5 times.
// TODO: a refund that gives up leaves the money nowhere. Give the refund
// options of its own: the same timeout, retried until it succeeds (no
// maximumAttempts), at most 10 seconds between attempts. The withdrawal and
// the deposit keep the policy below.
const { withdraw, deposit, refund } = proxyActivities<BankingActivities>({
  startToCloseTimeout: '5 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '10 seconds',
    maximumAttempts: 5,
  },
});

/** The sample's transfer without its cancellation: withdraw, deposit, or refund. */
export async function transferWithRefund(
  payment: PaymentDetails,
): Promise<string> {
  const withdrawal = await withdraw(payment);
  try {
    return `Transfer complete (withdrawal ${withdrawal}, deposit ${await deposit(payment)})`;
  } catch (depositError) {
    const refundId = await refund(payment);
    throw ApplicationFailure.create({
      type: 'DepositFailed',
      nonRetryable: true,
      message: `The deposit failed; the money went back (refund ${refundId}).`,
      cause: depositError instanceof Error ? depositError : undefined,
    });
  }
}
