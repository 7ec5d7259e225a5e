import {
  ActivityFailure,
  CancelledFailure,
  defaultPayloadConverter,
  TimeoutFailure,
  WorkflowFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  activityInfo,
  cancellationDetails,
  heartbeat,
  sleep,
} from '@temporalio/activity';
import type { WorkflowBundle } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as activities from '../src/activities';
import {
  orderWorkflow,
  packOrderWorkflow,
  shipOrderWorkflow,
} from '../src/workflows';
import { cancellationShapesWorkflow } from './cancellation-shapes-workflow';
import { bundle, devServer, testWorker, timeSkippingServer } from './helpers';
import { packOrderUnsetWorkflow } from './unset-options-workflow';

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

describe('orderWorkflow (time-skipping server)', () => {
  it('start-to-close times the stuck lookUpPrice attempt out and retries it; schedule-to-close ends chargeCard for good', async () => {
    const { worker, handle } = await startWithWorker(env, orderWorkflow);
    const error: unknown = await worker.runUntil(
      handle.result().catch((failure: unknown) => failure),
    );

    // chargeCard: its attempts ran out of the 3 s schedule-to-close budget.
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const activityFailure = (error as WorkflowFailedError).cause;
    expect(activityFailure).toBeInstanceOf(ActivityFailure);
    expect((activityFailure as ActivityFailure).activityType).toBe(
      'chargeCard',
    );
    const timeout = (activityFailure as ActivityFailure).cause;
    expect(timeout).toBeInstanceOf(TimeoutFailure);
    expect((timeout as TimeoutFailure).timeoutType).toBe('SCHEDULE_TO_CLOSE');

    // lookUpPrice: attempt 1 timed out (start-to-close), attempt 2 answered.
    const { events } = await handle.fetchHistory();
    const started = (events ?? []).flatMap((event) =>
      event.activityTaskStartedEventAttributes
        ? [event.activityTaskStartedEventAttributes]
        : [],
    );
    const [lookUp] = started;
    // Attempt 1 sleeps for an hour: only its start-to-close timeout fails it,
    // so a started attempt 2 is that timeout retried. (The time-skipping
    // server records no lastFailure on the event; the dev server does.)
    expect(lookUp?.attempt).toBe(2);
  });

  it('schedule-to-start ends bookCourier, which no Worker picks up, without a retry', async () => {
    const { worker, handle } = await startWithWorker(env, shipOrderWorkflow);
    const error: unknown = await worker.runUntil(
      handle.result().catch((failure: unknown) => failure),
    );

    expect(error).toBeInstanceOf(WorkflowFailedError);
    const activityFailure = (error as WorkflowFailedError).cause;
    expect(activityFailure).toBeInstanceOf(ActivityFailure);
    expect((activityFailure as ActivityFailure).activityType).toBe(
      'bookCourier',
    );
    const timeout = (activityFailure as ActivityFailure).cause;
    expect(timeout).toBeInstanceOf(TimeoutFailure);
    expect((timeout as TimeoutFailure).timeoutType).toBe('SCHEDULE_TO_START');

    // Scheduled once, never started, and not scheduled again.
    const types = await eventTypes(handle);
    expect(types.filter((type) => type.startsWith('activityTask'))).toEqual([
      'activityTaskScheduled',
      'activityTaskTimedOut',
    ]);
  });

  it('a cancelled packOrder stops at its next heartbeat and is not retried', async () => {
    const attempts: number[] = [];
    const { worker, handle } = await startWithWorker(env, packOrderWorkflow, {
      replacements: {
        // The real activity, counting the attempts a Worker runs.
        packOrder: (item: string) => {
          attempts.push(activityInfo().attempt);
          return activities.packOrder(item);
        },
      },
    });
    const error: unknown = await worker.runUntil(async () => {
      await waitUntilActivityRuns(handle);
      await handle.cancel();
      return await handle.result().catch((failure: unknown) => failure);
    });

    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect((error as WorkflowFailedError).cause).toBeInstanceOf(
      CancelledFailure,
    );
    // One attempt, which ended as cancelled and was not retried.
    expect(attempts).toEqual([1]);
    const types = await eventTypes(handle);
    expect(types).toContain('activityTaskCanceled');
    expect(types.at(-1)).toBe('workflowExecutionCanceled');
  });

  it('a cancelled activity throws an ActivityFailure caused by a CancelledFailure; one called after the cancel, the CancelledFailure itself', async () => {
    const { worker, handle } = await startWithWorker(
      env,
      cancellationShapesWorkflow,
      {
        bundle: await bundle(
          new URL('./cancellation-shapes-workflow.ts', import.meta.url),
        ),
      },
    );
    const shapes = await worker.runUntil(async () => {
      await waitUntilActivityRuns(handle);
      await handle.cancel();
      return await handle.result();
    });
    expect(shapes).toEqual([
      'running: ActivityFailure <- CancelledFailure, isCancellation true',
      'after the cancel: CancelledFailure, isCancellation true',
    ]);
  });
});

// The Worker's own timers run in real time, whatever the server does: these
// run on a dev server.
describe('on a dev server, in real time', () => {
  let dev: TestWorkflowEnvironment;
  let unsetBundle: WorkflowBundle;
  beforeAll(async () => {
    dev = await devServer();
    unsetBundle = await bundle(
      new URL('./unset-options-workflow.ts', import.meta.url),
    );
  });
  afterAll(async () => {
    await dev?.teardown();
  });

  it('a timed-out lookUpPrice attempt runs on beside its retry, until the Worker cancels it 5 s after the timeout', async () => {
    const seen: string[] = [];
    const { worker, handle } = await startWithWorker(dev, orderWorkflow, {
      replacements: {
        // The real activity, noting when each attempt starts and ends.
        lookUpPrice: async (item: string) => {
          const { attempt } = activityInfo();
          seen.push(`attempt ${attempt} starts`);
          try {
            return await activities.lookUpPrice(item);
          } finally {
            const timedOut = cancellationDetails()?.timedOut
              ? ' timed out'
              : '';
            seen.push(`attempt ${attempt} ends${timedOut}`);
          }
        },
      },
    });
    await worker.runUntil(async () => {
      await handle.result().catch(() => undefined);
      await until(() => seen.length >= 4, 'attempt 1 to end');
    });
    // The server timed attempt 1 out after 2 s and ran attempt 2; attempt 1
    // kept sleeping on the Worker until the Worker's own timer cancelled it.
    expect(seen).toEqual([
      'attempt 1 starts',
      'attempt 2 starts',
      'attempt 2 ends',
      'attempt 1 ends timed out',
    ]);
  });

  it('without a heartbeatTimeout, heartbeats reach the server at most every 30 s: the first at once, the next ones wait', async () => {
    const sent: number[] = [];
    const { worker, handle } = await startWithWorker(
      dev,
      packOrderUnsetWorkflow,
      {
        bundle: unsetBundle,
        replacements: {
          // Heartbeats ten times a second, noting each.
          packOrder: async () => {
            for (let beat = 1; ; beat++) {
              heartbeat(beat);
              sent.push(beat);
              await sleep(100);
            }
          },
        },
      },
    );
    const recorded = await worker.runUntil(async () => {
      await until(() => sent.length >= 30, '30 heartbeats');
      const details = await heartbeatDetails(handle);
      await handle.cancel();
      return details;
    });
    // 30 heartbeats in 3 s, and the server holds only the first.
    expect(recorded).toBe(1);
  });

  it('with cancellationType unset, a cancelled workflow ends at once, without waiting for the running activity (TRY_CANCEL)', async () => {
    let activityEnded = false;
    const { worker, handle } = await startWithWorker(
      dev,
      packOrderUnsetWorkflow,
      {
        bundle: unsetBundle,
        replacements: {
          packOrder: async (item: string) => {
            try {
              return await activities.packOrder(item);
            } finally {
              activityEnded = true;
            }
          },
        },
      },
    );
    const { error, endedFirst } = await worker.runUntil(async () => {
      await waitUntilActivityRuns(handle);
      await handle.cancel();
      const error = await handle.result().catch((failure: unknown) => failure);
      return { error, endedFirst: activityEnded };
    });
    expect((error as WorkflowFailedError).cause).toBeInstanceOf(
      CancelledFailure,
    );
    // The workflow was cancelled while its activity still ran: the cancel
    // rides on a heartbeat, and without a heartbeatTimeout the next one
    // goes out up to 30 s later.
    expect(endedFirst).toBe(false);
    const types = await eventTypes(handle);
    expect(types).toContain('activityTaskCancelRequested');
    expect(types).not.toContain('activityTaskCanceled');
    expect(types.at(-1)).toBe('workflowExecutionCanceled');
  });
});

// Input from a client other than our starter (the CLI, another SDK).
const invalidInputs = [
  ['null', [null]],
  ['a number', [42]],
  ['an empty string', ['']],
  ['an object', [{ item: 'teapot' }]],
  ['no input', []],
] as const;

describe.each(['orderWorkflow', 'shipOrderWorkflow', 'packOrderWorkflow'])(
  '%s',
  (type) => {
    it('fails for good on null, a number, an empty string, an object or no input: a non-retryable error naming the field', async () => {
      const taskQueue = `test-${crypto.randomUUID()}`;
      const worker = await testWorker({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle,
        activities,
      });
      // One after another: the time-skipping server stalls on many
      // workflow completions at once.
      await worker.runUntil(async () => {
        for (const [name, args] of invalidInputs) {
          const why = `${type} on ${name}`;
          const handle = await env.client.workflow.start(type, {
            taskQueue,
            workflowId: `${taskQueue}-${name}`,
            args: [...args],
          });
          const error: unknown = await handle
            .result()
            .catch((failure: unknown) => failure);
          expect(error, why).toBeInstanceOf(WorkflowFailedError);
          expect((error as WorkflowFailedError).cause, why).toMatchObject({
            type: 'InvalidInputError',
            nonRetryable: true,
            message: expect.stringContaining('item must be') as unknown,
          });
          // Failed at once, not a workflow task failing again and again, and
          // no activity scheduled.
          const types = await eventTypes(handle);
          expect(types, why).not.toContain('workflowTaskFailed');
          expect(types, why).not.toContain('activityTaskScheduled');
        }
      });
    });
  },
);

/**
 * A Worker on a task queue of its own, with the sample's activities (or some
 * replaced), and the workflow started there on the item 'teapot'.
 */
async function startWithWorker<W extends (item: string) => Promise<unknown>>(
  server: TestWorkflowEnvironment,
  workflow: W,
  options: {
    bundle?: WorkflowBundle;
    replacements?: Partial<typeof activities>;
  } = {},
) {
  const taskQueue = `test-${crypto.randomUUID()}`;
  const worker = await testWorker({
    connection: server.nativeConnection,
    taskQueue,
    workflowBundle: options.bundle ?? workflowBundle,
    activities: { ...activities, ...options.replacements },
  });
  const handle = await server.client.workflow.start(workflow, {
    taskQueue,
    workflowId: `${workflow.name}-${taskQueue}`,
    args: ['teapot'] as Parameters<W>,
  });
  return { worker, handle };
}

// The history's event types, e.g. activityTaskScheduled.
async function eventTypes(handle: WorkflowHandle): Promise<string[]> {
  const { events } = await handle.fetchHistory();
  return (events ?? []).map((event) => {
    const attributes = Object.entries(event).find(
      ([key, value]) => key.endsWith('EventAttributes') && value,
    );
    return attributes?.[0].replace('EventAttributes', '') ?? 'unknown';
  });
}

// Until a Worker has picked up the workflow's activity, within 10 s.
async function waitUntilActivityRuns(handle: WorkflowHandle): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { raw } = await handle.describe();
    if (raw.pendingActivities?.some((activity) => activity.lastStartedTime))
      return;
    if (Date.now() > deadline)
      throw new Error('The activity did not start within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The details of the pending activity's last heartbeat the server recorded.
async function heartbeatDetails(handle: WorkflowHandle): Promise<unknown> {
  const { raw } = await handle.describe();
  const [payload] =
    raw.pendingActivities?.[0]?.heartbeatDetails?.payloads ?? [];
  return payload && defaultPayloadConverter.fromPayload(payload);
}

// Until the condition holds, within 30 s.
async function until(condition: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 30_000; !condition();) {
    if (Date.now() > deadline) throw new Error(`No ${what} within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
