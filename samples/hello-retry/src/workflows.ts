import { proxyActivities, type RetryPolicy } from '@temporalio/workflow';
// Only the types: the activities' code runs in the Worker, never inside the workflow sandbox.
import type * as activities from './activities';

// @@@SNIPSTART hello-retry-workflow
export const retryPolicy: RetryPolicy = {
  initialInterval: '1 second', // wait before the first retry (default: 1 second)
  backoffCoefficient: 2, // each wait is twice the one before (default: 2)
  maximumInterval: '100 seconds', // waits never grow past this (default: 100 x initialInterval)
  maximumAttempts: 5, // give up after this many attempts in all (default: 0 = unlimited)
};

const { composeGreeting } = proxyActivities<typeof activities>({
  startToCloseTimeout: '10 seconds',
  retry: retryPolicy,
});

export async function greetingWorkflow(name: string): Promise<string> {
  return await composeGreeting({ greeting: 'Hello', name });
}
// @@@SNIPEND
