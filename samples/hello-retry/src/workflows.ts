import {
  ApplicationFailure,
  proxyActivities,
  workflowInfo,
  type RetryPolicy,
} from '@temporalio/workflow';
// Only the types: the activities' code runs in the Worker, never inside the
// workflow sandbox.
import type * as activities from './activities';
import { quote } from './payloads';

// @@@SNIPSTART hello-retry-workflow
export const retryPolicy: RetryPolicy = {
  // The wait before the first retry (default: 1 second).
  initialInterval: '1 second',
  // Each wait is this times the one before (default: 2; at least 1).
  backoffCoefficient: 2,
  // Waits never grow past this (default: 100 x initialInterval).
  maximumInterval: '100 seconds',
  // Attempts in all, the first included (default: unlimited; 0 is an error).
  maximumAttempts: 5,
  // Failure types that are never retried (default: none).
  nonRetryableErrorTypes: [],
};

const { composeGreeting } = proxyActivities<typeof activities>({
  startToCloseTimeout: '10 seconds',
  retry: retryPolicy,
});

export async function greetingWorkflow(name: string): Promise<string> {
  requireName(name);
  return await composeGreeting({ greeting: 'Hello', name });
}
// @@@SNIPEND

// @@@SNIPSTART hello-retry-workflow-retry
// Fails its first two runs, so the retry policy the starter gives it
// (src/workflow-retry.ts) starts a third. Each retry is a new run with a new
// run id: the workflow begins again from its first line.
export async function greetingWorkflowRetried(name: string): Promise<string> {
  requireName(name);
  const { attempt } = workflowInfo();
  if (attempt < 3) {
    throw ApplicationFailure.retryable(
      `Intentional workflow failure on attempt ${attempt}`,
      'IntentionalFailure',
    );
  }
  return `Hello, ${name}! (attempt ${attempt})`;
}
// @@@SNIPEND

// Longer than any real name. Fixed for good: a replay checks the input again.
const LONGEST_NAME = 100;

/**
 * Input from outside our starter (the CLI, another SDK) can be anything: a
 * wrong one fails the workflow for good, rather than its task again and again.
 * Only the shape is checked here; which names to refuse is the activity's
 * business (the non-retryable exercise refuses a blank one). The refusal
 * quotes the input briefly (payloads.ts): any input makes a reportable message.
 */
function requireName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length > LONGEST_NAME)
    throw ApplicationFailure.nonRetryable(
      `Invalid input: name must be a string of at most ${LONGEST_NAME} ` +
        `characters, not ${quote(name)}`,
      'InvalidInputError',
    );
}
