import {
  ActivityCancellationType,
  ApplicationFailure,
  proxyActivities,
} from '@temporalio/workflow';
// Only the types: the activities' code runs in the Worker, never inside the
// workflow sandbox.
import type { BatchActivities } from './activities';
import { isObject, quote } from './payloads';
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
  // On cancellation, wait for the activity to stop. Unset, the SDK sends
  // TRY_CANCEL: the workflow would end while the activity still runs.
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
});

export async function batchWorkflow(
  input: BatchInput,
): Promise<AttemptRecord[]> {
  checkInput(input);
  return await processBatch(input);
}
// @@@SNIPEND

/**
 * Input from outside our starter (the CLI, another SDK) can be anything: a
 * wrong one fails the workflow for good, rather than its task again and again.
 * The refusal quotes it briefly (payloads.ts): any input makes a reportable
 * message.
 */
function checkInput(input: unknown): asserts input is BatchInput {
  const problems: string[] = [];
  if (!isObject(input)) {
    problems.push(
      `the input must be an object with itemCount, not ${quote(input)}`,
    );
  } else {
    const { itemCount, ...others } = input;
    if (!Number.isSafeInteger(itemCount) || (itemCount as number) < 0)
      problems.push(
        `itemCount must be a whole number >= 0, not ${quote(itemCount)}`,
      );
    const unknown = Object.keys(others);
    if (unknown.length > 0) problems.push(`unknown fields ${quote(unknown)}`);
  }
  if (problems.length > 0)
    throw ApplicationFailure.nonRetryable(
      `Invalid input: ${problems.join('; ')}`,
      'InvalidInputError',
    );
}
