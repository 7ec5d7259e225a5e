import { activityInfo, ApplicationFailure, log } from '@temporalio/activity';
import type { GreetingInput } from '../../../src/shared';

// @@@SNIPSTART hello-retry-exercise-non-retryable
export async function composeGreeting({
  greeting,
  name,
}: GreetingInput): Promise<string> {
  const { attempt } = activityInfo();
  log.info(`Invoking activity, attempt number ${attempt}`);
  // No retry can fix a blank name: fail the activity for good, at once.
  if (name.trim() === '') {
    throw ApplicationFailure.nonRetryable('The name is blank', 'BlankName');
  }
  if (attempt < 4) {
    throw new Error(`Intentional failure on attempt ${attempt}`);
  }
  return `${greeting}, ${name}!`;
}
// @@@SNIPEND
