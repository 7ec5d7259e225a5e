import { activityInfo, log } from '@temporalio/activity';
import type { GreetingInput } from './shared';

// @@@SNIPSTART hello-retry-activity
export async function composeGreeting({
  greeting,
  name,
}: GreetingInput): Promise<string> {
  // The attempt number comes from Temporal, so the activity needs no state of
  // its own to know how often it has been tried: any Worker can run any
  // attempt.
  const { attempt } = activityInfo();
  log.info(`Invoking activity, attempt number ${attempt}`);
  if (attempt < 4) {
    throw new Error(`Intentional failure on attempt ${attempt}`);
  }
  return `${greeting}, ${name}!`;
}
// @@@SNIPEND
