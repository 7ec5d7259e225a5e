import {
  ActivityFailure,
  ApplicationFailure,
  log,
  proxyActivities,
  type RetryPolicy,
} from '@temporalio/workflow';
// Only the types: the activities' code runs in the Worker, never inside the workflow sandbox.
import type { BankingActivities } from './activities';
import { InsufficientFundsError, InvalidAccountError } from './errors';
import { paymentProblems, type PaymentDetails } from './shared';

// @@@SNIPSTART money-transfer-retry-policy
export const retryPolicy: RetryPolicy = {
  initialInterval: '1 second',
  maximumInterval: '10 seconds', // a failing call is tried again at least every 10 s
  maximumAttempts: 20, // about 2.5 minutes of retries: time to fix a bug while the transfer waits
  // Retrying cannot make an account exist or hold more money: fail at once.
  nonRetryableErrorTypes: [
    InvalidAccountError.type,
    InsufficientFundsError.type,
  ],
};
// @@@SNIPEND

const { withdraw, deposit, refund } = proxyActivities<BankingActivities>({
  startToCloseTimeout: '5 seconds',
  retry: retryPolicy,
});

// @@@SNIPSTART money-transfer-workflow
export async function moneyTransfer(payment: PaymentDetails): Promise<string> {
  const problems = paymentProblems(payment);
  if (problems.length > 0) {
    throw ApplicationFailure.nonRetryable(
      `Invalid payment: ${problems.join('; ')}`,
      'InvalidPaymentError',
    );
  }
  const { sourceAccount, targetAccount, amount } = payment;

  const withdrawal = await withdraw(payment);

  let depositId: string;
  try {
    depositId = await deposit(payment);
  } catch (depositError) {
    if (!(depositError instanceof ActivityFailure)) throw depositError;
    log.warn(`Deposit failed, refunding ${amount} to ${sourceAccount}`);
    let refundId: string;
    try {
      refundId = await refund(payment);
    } catch (refundError) {
      throw ApplicationFailure.create({
        type: 'RefundFailed',
        nonRetryable: true,
        message:
          `The deposit to ${targetAccount} and the refund to ${sourceAccount} both failed: ` +
          `${amount} left ${sourceAccount} (withdrawal ${withdrawal}) and arrived nowhere. A person must act.`,
        cause: refundError instanceof Error ? refundError : undefined,
      });
    }
    throw ApplicationFailure.create({
      type: 'DepositFailed',
      nonRetryable: true,
      message: `The deposit to ${targetAccount} failed; the ${amount} went back to ${sourceAccount} (refund ${refundId}).`,
      cause: depositError,
    });
  }
  return `Transfer complete (withdrawal ${withdrawal}, deposit ${depositId})`;
}
// @@@SNIPEND
