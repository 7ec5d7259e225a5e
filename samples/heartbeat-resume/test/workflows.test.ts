import { setTimeout as pause } from 'node:timers/promises';
import { activityInfo } from '@temporalio/activity';
import { CancelledFailure, WorkflowFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../src/activities';
import { TASK_QUEUE } from '../src/shared';
import { batchWorkflow } from '../src/workflows';
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

/**
 * A Worker whose activity records every item it processes as "attempt:item".
 * The work for an item is a plain timer that ignores cancellation, so only the
 * activity's own check between items can stop it.
 */
async function recordingWorker(
  processed: string[],
  failAtItem?: number,
  itemMs = 5,
) {
  const taskQueue = `${TASK_QUEUE}-${crypto.randomUUID()}`;
  const processItem = async (item: number) => {
    await pause(itemMs);
    processed.push(`${activityInfo().attempt}:${item}`);
  };
  const worker = await testWorker({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle,
    activities: createActivities({ processItem, failAtItem }),
  });
  return { worker, taskQueue };
}

describe('batchWorkflow', () => {
  it('resumes after a thrown failure at the failed item, processing no item twice', async () => {
    const processed: string[] = [];
    const { worker, taskQueue } = await recordingWorker(processed, 7);
    const attempts = await worker.runUntil(
      env.client.workflow.execute(batchWorkflow, {
        taskQueue,
        workflowId: taskQueue,
        args: [{ itemCount: 20 }],
      }),
    );

    const range = (from: number, to: number, attempt: number) =>
      Array.from(
        { length: to - from + 1 },
        (_, index) => `${attempt}:${from + index}`,
      );
    expect(processed).toEqual([...range(0, 6, 1), ...range(7, 19, 2)]);
    expect(attempts).toEqual([
      { attempt: 1, first: 0, last: 6 },
      { attempt: 2, first: 7, last: 19 },
    ]);
  });

  it('cancels the activity at its next heartbeat, and the activity stops between items', async () => {
    const processed: string[] = [];
    const { worker, taskQueue } = await recordingWorker(
      processed,
      undefined,
      20,
    );
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(batchWorkflow, {
        taskQueue,
        workflowId: taskQueue,
        args: [{ itemCount: 10_000 }],
      });
      while (processed.length < 5)
        await new Promise((resolve) => setTimeout(resolve, 10));
      await handle.cancel();

      const error: unknown = await handle
        .result()
        .catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      expect((error as WorkflowFailedError).cause).toBeInstanceOf(
        CancelledFailure,
      );
      const history = await handle.fetchHistory();
      // The activity acknowledged the cancellation (it did not just time out or get abandoned).
      expect(
        history.events?.some(
          (event) => event.activityTaskCanceledEventAttributes,
        ),
      ).toBe(true);
    });

    const processedWhenCancelled = processed.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(processed.length).toBe(processedWhenCancelled);
    expect(processedWhenCancelled).toBeLessThan(10_000);
  });
});

// Input from a client other than our starter (the CLI, another SDK): the
// starter always sends { itemCount: 20 }.
describe('batchWorkflow given an input our starter never sends', () => {
  it.each([
    ['null', [null], 'the input must be an object'],
    ['a number', [20], 'the input must be an object'],
    ['no input', [], 'the input must be an object'],
    ['a string count', [{ itemCount: '20' }], 'itemCount must'],
    ['no count', [{}], 'itemCount must'],
    ['a fraction', [{ itemCount: 2.5 }], 'itemCount must'],
    ['a negative count', [{ itemCount: -1 }], 'itemCount must'],
    [
      'an extra field',
      [{ itemCount: 1, items: 3 }],
      'unknown fields ["items"]',
    ],
  ])(
    'fails for good on %s: a non-retryable error naming the field',
    async (_, args, message) => {
      const processed: string[] = [];
      const { worker, taskQueue } = await recordingWorker(processed);
      const handle = await env.client.workflow.start('batchWorkflow', {
        taskQueue,
        workflowId: taskQueue,
        args,
      });
      const error: unknown = await worker.runUntil(
        handle.result().catch((failure: unknown) => failure),
      );
      expect(error).toBeInstanceOf(WorkflowFailedError);
      expect((error as WorkflowFailedError).cause).toMatchObject({
        type: 'InvalidInputError',
        nonRetryable: true,
        message: expect.stringContaining(message) as unknown,
      });
      expect(processed).toEqual([]);
      // Failed at once, not a workflow task failing again and again.
      const events = (await handle.fetchHistory()).events ?? [];
      expect(
        events.filter((event) => event.workflowTaskFailedEventAttributes),
      ).toEqual([]);
    },
  );
});
