import {
  ApplicationFailure,
  proxyActivities,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { BankingActivities } from '../../../src/activities';
import type { PaymentDetails } from '../../../src/shared';

// @@@SNIPSTART money-transfer-exercise-refund-retries
const moneyMoving: ActivityOptions = {
  startToCloseTimeout: '5 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '10 seconds',
    maximumAttempts: 5,
  },
};

const { withdraw, deposit } = proxyActivities<BankingActivities>(moneyMoving);
// A refund that gave up would leave the money nowhere: no maximumAttempts,
// so it is retried until the bank answers.
const { refund } = proxyActivities<BankingActivities>({
  ...moneyMoving,
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds' },
});
// @@@SNIPEND

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
