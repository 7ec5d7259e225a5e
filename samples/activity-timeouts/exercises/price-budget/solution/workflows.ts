import { proxyActivities } from '@temporalio/workflow';
import type * as activities from '../../../src/activities';

// @@@SNIPSTART activity-timeouts-exercise-price-budget
const { lookUpPrice } = proxyActivities<typeof activities>({
  startToCloseTimeout: '1 second',
  retry: { initialInterval: '1 second', backoffCoefficient: 1 },
  // All attempts and the waits between them: when the budget is spent, no
  // attempt starts again and the activity fails for good.
  scheduleToCloseTimeout: '5 seconds',
});

export async function priceWorkflow(item: string): Promise<number> {
  return await lookUpPrice(item);
}
// @@@SNIPEND
