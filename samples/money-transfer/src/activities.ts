import { activityInfo, log, sleep } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { Bank } from './bank';
import { BankRefusal } from './errors';
import type { PaymentDetails } from './shared';

// Failure drills from the README, switched on in the Worker's environment,
// never in code: a bug in deposit, or a slow deposit so that the Worker can
// be killed between withdraw and deposit.
const depositFails = () => process.env.MONEY_TRANSFER_DEPOSIT_FAILS === '1';
const depositDelayMs = () =>
  Number(process.env.MONEY_TRANSFER_DEPOSIT_DELAY_MS ?? 0);

/** Refund attempts after which every further attempt logs an error. */
const REFUND_ATTEMPTS_BEFORE_ALARM = 10;

// @@@SNIPSTART money-transfer-activities
/**
 * Calls the bank. A refusal is the bank's definite answer: it becomes a
 * non-retryable failure whose type is the refusal's code. Any other error
 * (the database busy, a crash) is retried with the same key.
 */
function definite(call: () => string): string {
  try {
    return call();
  } catch (error) {
    if (!(error instanceof BankRefusal)) throw error;
    throw ApplicationFailure.nonRetryable(error.message, error.code);
  }
}

export function createActivities(bank = new Bank()) {
  return {
    async withdraw(payment: PaymentDetails): Promise<string> {
      const { sourceAccount, amount, referenceId } = payment;
      log.info(`Withdrawing ${amount} from ${sourceAccount}`);
      return definite(() => bank.withdraw(sourceAccount, amount, referenceId));
    },

    async deposit(payment: PaymentDetails): Promise<string> {
      const { targetAccount, amount, referenceId } = payment;
      log.info(`Depositing ${amount} into ${targetAccount}`);
      if (depositDelayMs() > 0) await sleep(depositDelayMs());
      if (depositFails())
        throw new Error(
          'The deposit service is down (MONEY_TRANSFER_DEPOSIT_FAILS=1)',
        );
      return definite(() => bank.deposit(targetAccount, amount, referenceId));
    },

    async refund(payment: PaymentDetails): Promise<string> {
      const { sourceAccount, amount, referenceId } = payment;
      const { attempt } = activityInfo();
      // The refund never gives up, so it must not fail quietly either.
      if (attempt > REFUND_ATTEMPTS_BEFORE_ALARM)
        log.error(
          `Refund of ${amount} to ${sourceAccount} (${referenceId}): ` +
            `attempt ${attempt}, still failing. A person must look.`,
        );
      log.info(`Refunding ${amount} to ${sourceAccount}`);
      return definite(() => bank.refund(sourceAccount, amount, referenceId));
    },
  };
}
// @@@SNIPEND

export type BankingActivities = ReturnType<typeof createActivities>;
