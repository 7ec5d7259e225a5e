import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { composeGreeting } from '../src/activities';

const input = { greeting: 'Hello', name: 'World' };

/** An activity environment on the given attempt that keeps what the activity logs. */
function onAttempt(attempt: number) {
  const logged: string[] = [];
  const env = new MockActivityEnvironment(
    { attempt },
    {
      logger: new DefaultLogger('INFO', ({ message }) => logged.push(message)),
    },
  );
  return { env, logged };
}

describe('composeGreeting', () => {
  it.each([1, 2, 3])(
    'logs attempt %i and fails it with an intentional error',
    async (attempt) => {
      const { env, logged } = onAttempt(attempt);
      await expect(env.run(composeGreeting, input)).rejects.toThrow(
        `Intentional failure on attempt ${attempt}`,
      );
      expect(logged).toContain(`Invoking activity, attempt number ${attempt}`);
    },
  );

  it('logs attempt 4 and returns the greeting', async () => {
    const { env, logged } = onAttempt(4);
    await expect(env.run(composeGreeting, input)).resolves.toBe(
      'Hello, World!',
    );
    expect(logged).toContain('Invoking activity, attempt number 4');
  });
});
