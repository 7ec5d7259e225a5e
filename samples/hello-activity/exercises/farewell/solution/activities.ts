import type { GreetingInput } from '../../../src/shared';

// @@@SNIPSTART hello-activity-exercise-farewell-activities
export async function composeGreeting({
  greeting,
  name,
}: GreetingInput): Promise<string> {
  return `${greeting}, ${name}!`;
}

export async function composeFarewell(name: string): Promise<string> {
  return `Goodbye, ${name}!`;
}
// @@@SNIPEND
