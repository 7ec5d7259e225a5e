import { WorkflowFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as activities from '../src/activities';
import { RETRIED_WORKFLOW_ID, TASK_QUEUE } from '../src/shared';
import { greetingWorkflowRetried } from '../src/workflows';
import { bundle, devServer, startProgram, testWorker } from './helpers';

const { EventType, RetryState, ContinueAsNewInitiator } = temporal.api.enums.v1;

let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundle;

beforeAll(async () => {
  env = await devServer();
  workflowBundle = await bundle(
    new URL('../src/workflows.ts', import.meta.url),
  );
});

afterAll(async () => {
  await env?.teardown();
});

/** The events of one run, read from the server. */
async function historyOf(runId: string, workflowId = RETRIED_WORKFLOW_ID) {
  const handle = env.client.workflow.getHandle(workflowId, runId);
  const { events } = await handle.fetchHistory();
  return events ?? [];
}

describe('pnpm workflow-retry (a workflow retried by its retry policy)', () => {
  it('closes two failed runs, each followed by a new run after a backoff, and the third run succeeds', async () => {
    const worker = await testWorker({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      workflowBundle,
      activities,
    });
    const starter = startProgram('src/workflow-retry.ts', [], {
      TEMPORAL_ADDRESS: env.address,
    });
    const exitCode = await worker.runUntil(starter.closed);
    const output = starter.lines.join('\n');
    expect(exitCode, output).toBe(0);
    expect(output).toContain('Result: Hello, World! (attempt 3)');
    const firstRunId = /First run: (\S+)/.exec(output)![1]!;
    const lastRunId = /Last run: (\S+)/.exec(output)![1]!;

    // Follow the chain of runs the way the history records it.
    const runIds = [firstRunId];
    for (;;) {
      const events = await historyOf(runIds.at(-1)!);
      const last = events.at(-1)!;
      if (last.eventType !== EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED) {
        expect(last.eventType).toBe(
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
        );
        break;
      }
      const failed = last.workflowExecutionFailedEventAttributes!;
      expect(failed.failure?.message).toBe(
        `Intentional workflow failure on attempt ${runIds.length}`,
      );
      expect(failed.retryState).toBe(RetryState.RETRY_STATE_IN_PROGRESS);
      runIds.push(failed.newExecutionRunId!);
    }
    expect(runIds).toHaveLength(3);
    expect(new Set(runIds).size).toBe(3);
    expect(runIds.at(-1)).toBe(lastRunId);

    // Each new run's start event names the retry policy as its initiator,
    // its attempt, the run it continues and the backoff it waited.
    const expectedBackoffSeconds = [1, 2];
    for (const [index, runId] of runIds.slice(1).entries()) {
      const [started] = await historyOf(runId);
      const attributes = started!.workflowExecutionStartedEventAttributes!;
      expect(attributes.initiator).toBe(
        ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_RETRY,
      );
      expect(attributes.attempt).toBe(index + 2);
      expect(attributes.continuedExecutionRunId).toBe(runIds[index]);
      expect(attributes.firstExecutionRunId).toBe(firstRunId);
      expect(Number(attributes.firstWorkflowTaskBackoff?.seconds)).toBe(
        expectedBackoffSeconds[index],
      );
      expect(Number(attributes.workflowExecutionTimeout?.seconds)).toBe(60);
    }
  });

  it('stops retrying when the next run would start after workflowExecutionTimeout', async () => {
    const worker = await testWorker({
      connection: env.nativeConnection,
      taskQueue: 'bounded-by-execution-timeout',
      workflowBundle,
      activities,
    });
    // Backoffs of 1 s and then 2 s: the second retry would begin after the
    // 2.5 s that bound all the runs, so the server does not start it.
    const handle = await env.client.workflow.start(greetingWorkflowRetried, {
      taskQueue: 'bounded-by-execution-timeout',
      workflowId: 'bounded-by-execution-timeout',
      args: ['World'],
      retry: { initialInterval: '1 second', maximumAttempts: 5 },
      workflowExecutionTimeout: '2.5 seconds',
    });
    const error = await worker.runUntil(
      handle.result().catch((failure: unknown) => failure),
    );
    expect(error).toBeInstanceOf(WorkflowFailedError);

    const { runId } = await handle.describe();
    const events = await historyOf(runId, handle.workflowId);
    const last = events.at(-1)!;
    expect(last.eventType).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED);
    const failed = last.workflowExecutionFailedEventAttributes!;
    expect(failed.failure?.message).toBe(
      'Intentional workflow failure on attempt 2',
    );
    expect(failed.retryState).toBe(RetryState.RETRY_STATE_TIMEOUT);
    expect(failed.newExecutionRunId ?? '').toBe('');
  });
});
