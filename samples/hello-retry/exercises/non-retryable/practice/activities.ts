import { activityInfo, log } from '@temporalio/activity';
import type { GreetingInput } from '../../../src/shared';

// The sample's activity. A blank name cannot succeed however often it is
// tried, yet as it stands, a blank name is retried like any other failure.
export async function composeGreeting({
  greeting,
  name,
}: GreetingInput): Promise<string> {
  const { attempt } = activityInfo();
  log.info(`Invoking activity, attempt number ${attempt}`);
  // TODO: when the name is empty or only spaces, throw a failure that Temporal
  // never retries (hint: ApplicationFailure, from @temporalio/activity), with
  // the type 'BlankName'.
  if (attempt < 4) {
    throw new Error(`Intentional failure on attempt ${attempt}`);
  }
  return `${greeting}, ${name}!`;
}
