// The sample's workflow after a careless edit: the deposit now comes first. A transfer already
// running under the old code has a withdraw in its history where this code expects a deposit.
import { proxyActivities } from '@temporalio/workflow';
import type { BankingActivities } from '../src/activities';
import type { PaymentDetails } from '../src/shared';

const { withdraw, deposit } = proxyActivities<BankingActivities>({
  startToCloseTimeout: '5 seconds',
});

export async function moneyTransfer(payment: PaymentDetails): Promise<string> {
  const depositId = await deposit(payment);
  const withdrawal = await withdraw(payment);
  return `Transfer complete (withdrawal ${withdrawal}, deposit ${depositId})`;
}
