import type { GreetingInput } from '../../../src/shared';

export async function composeGreeting({
  greeting,
  name,
}: GreetingInput): Promise<string> {
  return `${greeting}, ${name}!`;
}

// TODO: export a second activity, composeFarewell, that takes the name and
// returns "Goodbye, <name>!".
