import {
  ActivityCancellationType,
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  log,
  proxyActivities,
  type ActivityOptions,
} from '@temporalio/workflow';
// Only types: the activities run in the Worker, never in the workflow sandbox.
import type { BankingActivities } from './activities';
import type { RefusalCode } from './errors';
import { isObject, quote } from './payloads';
import { LONGEST_ID, type PaymentDetails } from './shared';

// @@@SNIPSTART money-transfer-retry-policy
const moneyMoving: ActivityOptions = {
  startToCloseTimeout: '5 seconds',
  // A cancel waits for the running attempt's real outcome: it may be moving
  // money right now.
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  // No maximumAttempts: an idempotent call is retried until the bank answers.
  // Only the bank's refusals (non-retryable failures) end it early.
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds' },
};

/** 19 pauses, 1+2+4+8+15x10 = 165 s: time to fix a bug while money waits. */
export const DEPOSIT_ATTEMPTS = 20;

const { withdraw, refund } = proxyActivities<BankingActivities>(moneyMoving);
// The deposit may give up: if an attempt that failed had in fact reached the
// bank, the bank refuses the refund that follows, and the workflow learns it.
const { deposit } = proxyActivities<BankingActivities>({
  ...moneyMoving,
  retry: { ...moneyMoving.retry, maximumAttempts: DEPOSIT_ATTEMPTS },
});
// @@@SNIPEND

// @@@SNIPSTART money-transfer-workflow
export async function moneyTransfer(payment: PaymentDetails): Promise<string> {
  checkShape(payment);
  const { sourceAccount, targetAccount, amount } = payment;
  // A withdrawal runs to the bank's answer, even when a cancel comes first:
  // undoing a withdrawal whose outcome is unknown could create money.
  const withdrawal = await CancellationScope.nonCancellable(() =>
    withdraw(payment),
  );
  try {
    // In a cancelled workflow, this fails at once without being scheduled.
    const depositId = await deposit(payment);
    return `Transfer complete (withdrawal ${withdrawal}, deposit ${depositId})`;
  } catch (depositError) {
    const failure = CancellationScope.current().consideredCancelled
      ? { type: 'TransferCancelled', why: 'The transfer was cancelled' }
      : {
          type: 'DepositFailed',
          why: `The deposit to ${targetAccount} failed`,
        };
    log.warn(`${failure.why}; refunding ${amount} to ${sourceAccount}`);
    let refundId: string;
    try {
      // The compensation must run even though the workflow is cancelled.
      refundId = await CancellationScope.nonCancellable(() => refund(payment));
    } catch (refundError) {
      // Refused because the payment was deposited: an attempt that failed
      // had reached the bank after all.
      if (refusal(refundError) === 'PaymentSettledError')
        return (
          `Transfer complete (withdrawal ${withdrawal}; the bank had ` +
          `already deposited this payment)`
        );
      throw ApplicationFailure.create({
        type: 'RefundFailed',
        nonRetryable: true,
        message:
          `${failure.why}, and the bank refused the refund: ${amount} left ` +
          `${sourceAccount} (withdrawal ${withdrawal}) and arrived nowhere. ` +
          `A person must act.`,
        cause: refundError instanceof Error ? refundError : undefined,
      });
    }
    throw ApplicationFailure.create({
      type: failure.type,
      nonRetryable: true,
      message:
        `${failure.why}; the ${amount} went back to ${sourceAccount} ` +
        `(refund ${refundId}).`,
      cause: depositError instanceof Error ? depositError : undefined,
    });
  }
}
// @@@SNIPEND

/** The bank's refusal code behind a failed activity, if that is the reason. */
const refusal = (error: unknown) =>
  error instanceof ActivityFailure && error.cause instanceof ApplicationFailure
    ? (error.cause.type as RefusalCode)
    : undefined;

// @@@SNIPSTART money-transfer-shape-check
/**
 * Checks only what can never change: the fields' types, and sizes no real id
 * comes near. Business rules (limits, which accounts exist) live in the
 * starter and the bank, where changing them later cannot break the replay of
 * a running transfer. The refusal quotes the input briefly (payloads.ts).
 */
function checkShape(payment: unknown): void {
  if (!isObject(payment)) throw invalid(`not an object: ${quote(payment)}`);
  const problems = ['sourceAccount', 'targetAccount', 'referenceId']
    .filter((name) => {
      const value = payment[name];
      return (
        typeof value !== 'string' ||
        value.trim() === '' ||
        value.length > LONGEST_ID
      );
    })
    .map(
      (name) =>
        `${name} must be a non-empty string of at most ${LONGEST_ID} ` +
        `characters, not ${quote(payment[name])}`,
    );
  if (typeof payment.amount !== 'number')
    problems.push(`amount must be a number, not ${quote(payment.amount)}`);
  if (problems.length > 0) throw invalid(problems.join('; '));
}

const invalid = (problems: string) =>
  ApplicationFailure.nonRetryable(
    `Invalid payment: ${problems}`,
    'InvalidPaymentError',
  );
// @@@SNIPEND
