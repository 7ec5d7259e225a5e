import type { GreetingInput } from './shared';

// @@@SNIPSTART hello-activity-activity
export async function composeGreeting({
  greeting,
  name,
}: GreetingInput): Promise<string> {
  return `${greeting}, ${name}!`;
}
// @@@SNIPEND
