import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
// Only the types: the activities' code runs in the Worker, never inside the
// workflow sandbox.
import type * as activities from './activities';
import { quote } from './payloads';

// @@@SNIPSTART hello-activity-workflow
const { composeGreeting } = proxyActivities<typeof activities>({
  // Required: how long one attempt may run before Temporal retries it.
  startToCloseTimeout: '10 seconds',
});

export async function greetingWorkflow(name: string): Promise<string> {
  requireName(name);
  return await composeGreeting({ greeting: 'Hello', name });
}
// @@@SNIPEND

// Longer than any real name. Fixed for good: a replay checks the input again.
const LONGEST_NAME = 100;

/**
 * Input from outside our starter (the CLI, another SDK) can be anything: a
 * wrong one fails the workflow for good, rather than its task again and again.
 * The refusal quotes it briefly (payloads.ts): input of any size still makes a
 * message short enough to report.
 */
function requireName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !name.trim() || name.length > LONGEST_NAME)
    throw ApplicationFailure.nonRetryable(
      `Invalid input: name must be a non-empty string of at most ` +
        `${LONGEST_NAME} characters, not ${quote(name)}`,
      'InvalidInputError',
    );
}
