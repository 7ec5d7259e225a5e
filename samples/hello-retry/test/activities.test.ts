import { MockActivityEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { composeGreeting } from '../src/activities';

const input = { greeting: 'Hello', name: 'World' };

describe('composeGreeting', () => {
  it.each([1, 2, 3])('fails on attempt %i with an intentional error', async (attempt) => {
    const env = new MockActivityEnvironment({ attempt });
    await expect(env.run(composeGreeting, input)).rejects.toThrow(`Intentional failure on attempt ${attempt}`);
  });

  it('returns the greeting on attempt 4', async () => {
    const env = new MockActivityEnvironment({ attempt: 4 });
    await expect(env.run(composeGreeting, input)).resolves.toBe('Hello, World!');
  });
});
