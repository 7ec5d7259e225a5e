// The sample's workflow after a new requirement, a fraud check before the
// withdrawal, written the careless way. A transfer that is running under the
// old code has a withdraw in its history where this code expects the check.
import { proxyActivities } from '@temporalio/workflow';
import type { PaymentDetails } from '../src/shared';
import { moneyTransfer as transfer } from '../src/workflows';

const { checkFraud } = proxyActivities<{
  checkFraud(payment: PaymentDetails): Promise<void>;
}>({ startToCloseTimeout: '5 seconds' });

// @@@SNIPSTART money-transfer-change-unguarded
export async function moneyTransfer(payment: PaymentDetails): Promise<string> {
  await checkFraud(payment);
  return await transfer(payment);
}
// @@@SNIPEND
