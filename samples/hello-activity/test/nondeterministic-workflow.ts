// The sample's workflow after a careless edit: a timer now comes before the activity, so the
// commands it issues no longer match a history recorded by the original code.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type * as activities from '../src/activities';

const { composeGreeting } = proxyActivities<typeof activities>({
  startToCloseTimeout: '10 seconds',
});

export async function greetingWorkflow(name: string): Promise<string> {
  await sleep('1 second');
  return await composeGreeting({ greeting: 'Hello', name });
}
