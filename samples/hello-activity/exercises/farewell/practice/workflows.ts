import { proxyActivities } from '@temporalio/workflow';
import type * as activities from './activities';

const { composeGreeting } = proxyActivities<typeof activities>({
  startToCloseTimeout: '10 seconds',
});

export async function greetingWorkflow(name: string): Promise<string> {
  const greeting = await composeGreeting({ greeting: 'Hello', name });
  // TODO: after the greeting, call composeFarewell, and return both,
  // separated by a space: "Hello, World! Goodbye, World!".
  return greeting;
}
