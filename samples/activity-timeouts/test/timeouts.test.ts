import {
  ActivityFailure,
  TimeoutFailure,
  WorkflowFailedError,
} from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import {
  bundleWorkflows,
  createTimeSkippingEnv,
} from '@temporal-tutorials/tooling/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as activities from '../src/activities';
import { orderWorkflow } from '../src/workflows';

let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  workflowBundle = await bundleWorkflows(
    new URL('../src/workflows.ts', import.meta.url),
  );
}, 60_000);

afterAll(async () => {
  await env?.teardown();
});

describe('orderWorkflow (time-skipping server)', () => {
  it('start-to-close abandons the stuck lookUpPrice attempt and retries it; schedule-to-close ends chargeCard for good', async () => {
    const taskQueue = `test-${crypto.randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle,
      activities,
    });
    const handle = await env.client.workflow.start(orderWorkflow, {
      taskQueue,
      workflowId: `order-${taskQueue}`,
      args: ['teapot'],
    });
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
    // Attempt 1 sleeps for an hour: only its start-to-close timeout ends it,
    // so a started attempt 2 is that timeout retried. (The time-skipping
    // server records no lastFailure on the event; the dev server does.)
    expect(lookUp?.attempt).toBe(2);
  }, 60_000);
});
