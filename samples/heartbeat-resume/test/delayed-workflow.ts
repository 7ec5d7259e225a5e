// The sample's workflow after a careless edit: it now waits before starting the batch. A
// workflow already running under the old code has the activity in its history where this code
// expects a timer.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { BatchActivities } from '../src/activities';
import type { AttemptRecord, BatchInput } from '../src/shared';

const { processBatch } = proxyActivities<BatchActivities>({
  startToCloseTimeout: '1 minute',
});

export async function batchWorkflow(
  input: BatchInput,
): Promise<AttemptRecord[]> {
  await sleep('1 second');
  return await processBatch(input);
}
