import { activityInfo } from '@temporalio/activity';
import {
  ActivityFailure,
  ApplicationFailure,
  WorkflowFailedError,
} from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as activities from '../src/activities';
import { composeGreeting } from '../src/activities';
import type { GreetingInput } from '../src/shared';
import { greetingWorkflow } from '../src/workflows';
import { bundle, testWorker, timeSkippingServer } from './helpers';
import { greetingWorkflowWithThreeAttempts } from './three-attempts-workflow';

let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundle;

beforeAll(async () => {
  env = await timeSkippingServer();
  // The test's variant re-exports the sample's workflows: one bundle for all.
  workflowBundle = await bundle(
    new URL('./three-attempts-workflow.ts', import.meta.url),
  );
});

afterAll(async () => {
  await env?.teardown();
});

interface ObservedRun<T> {
  result?: T;
  error?: unknown;
  attempts: number[];
  failures: string[];
}

/** Runs a workflow on a real Worker whose activity is the sample's own, observed attempt by attempt. */
async function runObserved<T>(
  execute: (taskQueue: string) => Promise<T>,
): Promise<ObservedRun<T>> {
  const attempts: number[] = [];
  const failures: string[] = [];
  const observedComposeGreeting = async (
    input: GreetingInput,
  ): Promise<string> => {
    attempts.push(activityInfo().attempt);
    try {
      return await composeGreeting(input);
    } catch (error) {
      failures.push((error as Error).message);
      throw error;
    }
  };
  const taskQueue = `test-${crypto.randomUUID()}`;
  const worker = await testWorker({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle,
    activities: { composeGreeting: observedComposeGreeting },
  });
  const outcome = await worker.runUntil(
    execute(taskQueue).then(
      (result): Pick<ObservedRun<T>, 'result'> => ({ result }),
      (error: unknown): Pick<ObservedRun<T>, 'error'> => ({ error }),
    ),
  );
  return { ...outcome, attempts, failures };
}

describe('greetingWorkflow', () => {
  it('succeeds on the fourth attempt after three intentional failures', async () => {
    const run = await runObserved((taskQueue) =>
      env.client.workflow.execute(greetingWorkflow, {
        taskQueue,
        workflowId: `retry-${taskQueue}`,
        args: ['World'],
      }),
    );
    expect(run).toEqual({
      result: 'Hello, World!',
      attempts: [1, 2, 3, 4],
      failures: [1, 2, 3].map(
        (attempt) => `Intentional failure on attempt ${attempt}`,
      ),
    });
  });

  it('fails with ActivityFailure caused by ApplicationFailure when only three attempts are allowed', async () => {
    const run = await runObserved((taskQueue) =>
      env.client.workflow.execute(greetingWorkflowWithThreeAttempts, {
        taskQueue,
        workflowId: `three-attempts-${taskQueue}`,
        args: ['World'],
      }),
    );
    expect(run.attempts).toEqual([1, 2, 3]);
    expect(run.error).toBeInstanceOf(WorkflowFailedError);
    const activityFailure = (run.error as WorkflowFailedError).cause;
    expect(activityFailure).toBeInstanceOf(ActivityFailure);
    const applicationFailure = (activityFailure as ActivityFailure).cause;
    expect(applicationFailure).toBeInstanceOf(ApplicationFailure);
    expect(applicationFailure).toMatchObject({
      type: 'Error',
      message: 'Intentional failure on attempt 3',
      nonRetryable: false,
    });
  });
});

// Input from a client other than our starters (the CLI, another SDK), given
// the retry policy pnpm workflow-retry gives: a wrong one is not retried.
describe.each(['greetingWorkflow', 'greetingWorkflowRetried'])('%s', (type) => {
  it.each([
    ['null', [null]],
    ['a number', [42]],
    ['an object', [{ name: 'World' }]],
    ['no input', []],
  ])(
    'fails for good on %s: a non-retryable error naming the field',
    async (_, args) => {
      const taskQueue = `test-${crypto.randomUUID()}`;
      const worker = await testWorker({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle,
        activities,
      });
      const handle = await env.client.workflow.start(type, {
        taskQueue,
        workflowId: taskQueue,
        args,
        retry: { initialInterval: '1 second', maximumAttempts: 5 },
      });
      const error: unknown = await worker.runUntil(
        handle.result().catch((failure: unknown) => failure),
      );
      expect(error).toBeInstanceOf(WorkflowFailedError);
      expect((error as WorkflowFailedError).cause).toMatchObject({
        type: 'InvalidInputError',
        nonRetryable: true,
        message: expect.stringContaining('name must be') as unknown,
      });
      // One run, failed at once: not retried by the workflow's retry
      // policy, nor a workflow task failing again and again.
      const { runId } = await handle.describe();
      expect(runId).toBe(handle.firstExecutionRunId);
      const events = (await handle.fetchHistory()).events ?? [];
      expect(
        events.filter((event) => event.workflowTaskFailedEventAttributes),
      ).toEqual([]);
    },
  );
});
