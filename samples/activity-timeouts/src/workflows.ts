import { proxyActivities } from '@temporalio/workflow';
import type * as activities from './activities';

// @@@SNIPSTART activity-timeouts-workflow
// Each activity gets its own options: one proxy per policy.
const { lookUpPrice } = proxyActivities<typeof activities>({
  // One attempt may take 2 s; a stuck attempt is abandoned and retried.
  startToCloseTimeout: '2 seconds',
  retry: { initialInterval: '1 second' },
});

const { chargeCard } = proxyActivities<typeof activities>({
  startToCloseTimeout: '1 second',
  // All attempts and the waits between them get 3 s, then it fails.
  scheduleToCloseTimeout: '3 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 1 },
});

export async function orderWorkflow(item: string): Promise<string> {
  const cents = await lookUpPrice(item);
  return await chargeCard(cents);
}
// @@@SNIPEND
