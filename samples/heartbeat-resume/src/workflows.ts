import {
  ActivityCancellationType,
  proxyActivities,
} from '@temporalio/workflow';
// Only the types: the activities' code runs in the Worker, never inside the
// workflow sandbox.
import type { BatchActivities } from './activities';
import type { AttemptRecord, BatchInput } from './shared';

// @@@SNIPSTART heartbeat-resume-workflow
const { processBatch } = proxyActivities<BatchActivities>({
  // The whole batch fits in one attempt: 20 items of half a second each, and
  // room to spare.
  startToCloseTimeout: '1 minute',
  // Without a heartbeat for 2 s the attempt is lost (say, its Worker died)
  // and the next one starts.
  heartbeatTimeout: '2 seconds',
  retry: { initialInterval: '1 second', maximumAttempts: 5 },
  // On cancellation, wait for the activity to stop rather than abandon it
  // mid-item.
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
});

export async function batchWorkflow(
  input: BatchInput,
): Promise<AttemptRecord[]> {
  return await processBatch(input);
}
// @@@SNIPEND
