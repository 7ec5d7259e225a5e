import { proxyActivities } from '@temporalio/workflow';
import type * as activities from '../../../src/activities';

// Each attempt is abandoned after 1 second and retried 1 second later, for as
// long as it takes: a price service that never answers keeps the order
// waiting for ever.
const { lookUpPrice } = proxyActivities<typeof activities>({
  startToCloseTimeout: '1 second',
  retry: { initialInterval: '1 second', backoffCoefficient: 1 },
  // TODO: give all the attempts together, and the waits between them, a
  // budget of 5 seconds.
});

export async function priceWorkflow(item: string): Promise<number> {
  return await lookUpPrice(item);
}
