import { log, sleep } from '@temporalio/activity';
import { Bank } from './bank';
import type { PaymentDetails } from './shared';

// Failure drills from the README, switched on in the Worker's environment, never in code:
// a bug in deposit, or a slow deposit so the Worker can be killed between withdraw and deposit.
const depositFails = () => process.env.MONEY_TRANSFER_DEPOSIT_FAILS === '1';
const depositDelayMs = () =>
  Number(process.env.MONEY_TRANSFER_DEPOSIT_DELAY_MS ?? 0);

// @@@SNIPSTART money-transfer-activities
export function createActivities(bank = new Bank()) {
  return {
    async withdraw({
      sourceAccount,
      amount,
      referenceId,
    }: PaymentDetails): Promise<string> {
      log.info(`Withdrawing ${amount} from ${sourceAccount}`);
      // The same key on every attempt: a retry after a lost reply does not debit twice.
      return await bank.withdraw(
        sourceAccount,
        amount,
        `${referenceId}-withdraw`,
      );
    },

    async deposit({
      targetAccount,
      amount,
      referenceId,
    }: PaymentDetails): Promise<string> {
      log.info(`Depositing ${amount} into ${targetAccount}`);
      if (depositDelayMs() > 0) await sleep(depositDelayMs());
      if (depositFails())
        throw new Error(
          'The deposit service is down (MONEY_TRANSFER_DEPOSIT_FAILS=1)',
        );
      return await bank.deposit(
        targetAccount,
        amount,
        `${referenceId}-deposit`,
      );
    },

    async refund({
      sourceAccount,
      amount,
      referenceId,
    }: PaymentDetails): Promise<string> {
      log.info(`Refunding ${amount} to ${sourceAccount}`);
      return await bank.deposit(sourceAccount, amount, `${referenceId}-refund`);
    },
  };
}
// @@@SNIPEND

export type BankingActivities = ReturnType<typeof createActivities>;
