// The sample's workflows, and one with one change: at most three attempts, so
// the activity never reaches the attempt that succeeds.
import { proxyActivities } from '@temporalio/workflow';
import type * as activities from '../src/activities';
import { retryPolicy } from '../src/workflows';

export * from '../src/workflows';

const { composeGreeting } = proxyActivities<typeof activities>({
  startToCloseTimeout: '10 seconds',
  retry: { ...retryPolicy, maximumAttempts: 3 },
});

export async function greetingWorkflowWithThreeAttempts(
  name: string,
): Promise<string> {
  return await composeGreeting({ greeting: 'Hello', name });
}
