import { proxyActivities } from '@temporalio/workflow';
// Only the types: the activities' code runs in the Worker, never inside the
// workflow sandbox.
import type * as activities from './activities';

// @@@SNIPSTART hello-activity-workflow
const { composeGreeting } = proxyActivities<typeof activities>({
  // Required: how long one attempt may run before Temporal retries it.
  startToCloseTimeout: '10 seconds',
});

export async function greetingWorkflow(name: string): Promise<string> {
  return await composeGreeting({ greeting: 'Hello', name });
}
// @@@SNIPEND
