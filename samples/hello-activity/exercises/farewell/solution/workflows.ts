import { proxyActivities } from '@temporalio/workflow';
import type * as activities from './activities';

// @@@SNIPSTART hello-activity-exercise-farewell-workflow
const { composeGreeting, composeFarewell } = proxyActivities<typeof activities>(
  {
    startToCloseTimeout: '10 seconds',
  },
);

export async function greetingWorkflow(name: string): Promise<string> {
  const greeting = await composeGreeting({ greeting: 'Hello', name });
  const farewell = await composeFarewell(name);
  return `${greeting} ${farewell}`;
}
// @@@SNIPEND
