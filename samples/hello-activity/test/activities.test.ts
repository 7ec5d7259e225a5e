import { MockActivityEnvironment } from '@temporalio/testing';
import { expect, it } from 'vitest';
import { composeGreeting } from '../src/activities';

it('composes the greeting from its greeting and name', async () => {
  const env = new MockActivityEnvironment();
  await expect(
    env.run(composeGreeting, { greeting: 'Hello', name: 'World' }),
  ).resolves.toBe('Hello, World!');
});
