import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as activities from '../src/activities';
import type { GreetingInput } from '../src/shared';
import { greetingWorkflow } from '../src/workflows';
import { bundle, testWorker, timeSkippingServer } from './helpers';

let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundle;

beforeAll(async () => {
  env = await timeSkippingServer();
  workflowBundle = await bundle(
    new URL('../src/workflows.ts', import.meta.url),
  );
});

afterAll(async () => {
  await env?.teardown();
});

/** Runs the workflow on a real Worker with the activities given. */
async function runGreeting(
  workerActivities: object,
  args: unknown[],
): Promise<{ result?: unknown; error?: unknown; handle: WorkflowHandle }> {
  const taskQueue = `test-${crypto.randomUUID()}`;
  const worker = await testWorker({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle,
    activities: workerActivities,
  });
  const handle = await env.client.workflow.start('greetingWorkflow', {
    taskQueue,
    workflowId: taskQueue,
    args,
  });
  return await worker.runUntil(
    handle.result().then(
      (result: unknown) => ({ result, handle }),
      (error: unknown) => ({ error, handle }),
    ),
  );
}

describe('greetingWorkflow', () => {
  it('returns the greeting composed by the real activity', async () => {
    const taskQueue = `test-${crypto.randomUUID()}`;
    const worker = await testWorker({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle,
      activities,
    });
    await expect(
      worker.runUntil(
        env.client.workflow.execute(greetingWorkflow, {
          taskQueue,
          workflowId: taskQueue,
          args: ['World'],
        }),
      ),
    ).resolves.toBe('Hello, World!');
  });

  it('passes the activity one input object with the greeting and the name', async () => {
    const inputs: GreetingInput[] = [];
    const run = await runGreeting(
      {
        composeGreeting: async (input: GreetingInput) => {
          inputs.push(input);
          return 'from the mock';
        },
      },
      ['World'],
    );
    expect(inputs).toEqual([{ greeting: 'Hello', name: 'World' }]);
    expect(run).toMatchObject({ result: 'from the mock' });
  });

  // Input from a client other than our starter (the CLI, another SDK).
  it.each([
    ['null', [null]],
    ['a number', [42]],
    ['an empty string', ['']],
    ['an object', [{ name: 'World' }]],
    ['no input', []],
  ])(
    'fails for good on %s: a non-retryable error naming the field',
    async (_, args) => {
      const { error, handle } = await runGreeting(activities, args);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      expect((error as WorkflowFailedError).cause).toMatchObject({
        type: 'InvalidInputError',
        nonRetryable: true,
        message: expect.stringContaining('name must be') as unknown,
      });
      // Failed at once, not a workflow task failing again and again.
      const events = (await handle.fetchHistory()).events ?? [];
      expect(
        events.filter((event) => event.workflowTaskFailedEventAttributes),
      ).toEqual([]);
    },
  );
});
