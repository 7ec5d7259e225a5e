// The same change, the safe way: behind patched().
import { patched, proxyActivities } from '@temporalio/workflow';
import type { PaymentDetails } from '../src/shared';
import { moneyTransfer as transfer } from '../src/workflows';

const { checkFraud } = proxyActivities<{
  checkFraud(payment: PaymentDetails): Promise<void>;
}>({ startToCloseTimeout: '5 seconds' });

// @@@SNIPSTART money-transfer-change-patched
export async function moneyTransfer(payment: PaymentDetails): Promise<string> {
  // A transfer started before this change has no marker for the patch in its
  // history: patched() is false, and it replays as it ran. A new one records
  // the marker, gets true, and checks.
  if (patched('fraud-check')) await checkFraud(payment);
  return await transfer(payment);
}
// @@@SNIPEND
