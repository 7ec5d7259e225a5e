import {
  ActivityCancellationType,
  ApplicationFailure,
  proxyActivities,
} from '@temporalio/workflow';
import type * as activities from './activities';
import { quote } from './payloads';
import { WAREHOUSE_TASK_QUEUE } from './shared';

// @@@SNIPSTART activity-timeouts-workflow
// Each activity gets its own options: one proxy per policy.
const { lookUpPrice } = proxyActivities<typeof activities>({
  // One attempt may take 2 s; then the server retries it, whether or not the
  // stuck attempt still runs.
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
  requireItem(item);
  const cents = await lookUpPrice(item);
  return await chargeCard(cents);
}
// @@@SNIPEND

// @@@SNIPSTART activity-timeouts-more-workflows
const { bookCourier } = proxyActivities<typeof activities>({
  taskQueue: WAREHOUSE_TASK_QUEUE,
  // Waiting 3 s for a Worker to pick the task up is enough: it ends the
  // activity, and a schedule-to-start timeout is never retried.
  scheduleToStartTimeout: '3 seconds',
  startToCloseTimeout: '10 seconds',
});

const { packOrder } = proxyActivities<typeof activities>({
  startToCloseTimeout: '2 minutes',
  // A running activity learns of a cancellation only through heartbeats.
  heartbeatTimeout: '2 seconds',
  // The workflow waits until the activity has stopped, so the history
  // records how it ended. Unset, the SDK sends TRY_CANCEL: no waiting.
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
});

export async function shipOrderWorkflow(item: string): Promise<string> {
  requireItem(item);
  return await bookCourier(item);
}

export async function packOrderWorkflow(item: string): Promise<string> {
  requireItem(item);
  return await packOrder(item);
}
// @@@SNIPEND

// Longer than any real item. Fixed for good: a replay checks the input again.
const LONGEST_ITEM = 100;

/**
 * Input from outside our starter (the CLI, another SDK) can be anything: a
 * wrong one fails the workflow for good, rather than its task again and again.
 * The refusal quotes it briefly (payloads.ts): any input makes a reportable
 * message.
 */
function requireItem(item: unknown): asserts item is string {
  if (typeof item !== 'string' || !item.trim() || item.length > LONGEST_ITEM)
    throw ApplicationFailure.nonRetryable(
      `Invalid input: item must be a non-empty string of at most ` +
        `${LONGEST_ITEM} characters, not ${quote(item)}`,
      'InvalidInputError',
    );
}
