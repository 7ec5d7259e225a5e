import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import {
  bundleWorkflows,
  createTimeSkippingEnv,
  createWorker,
} from '@temporal-tutorials/tooling/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as activities from '../src/activities';
import type { GreetingInput } from '../src/shared';
import { greetingWorkflow } from '../src/workflows';

let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  workflowBundle = await bundleWorkflows(
    new URL('../src/workflows.ts', import.meta.url),
  );
});

afterAll(async () => {
  await env?.teardown();
});

async function runGreetingWorkflow(workerActivities: object): Promise<string> {
  const taskQueue = `test-${crypto.randomUUID()}`;
  const worker = await createWorker({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle,
    activities: workerActivities,
  });
  return await worker.runUntil(
    env.client.workflow.execute(greetingWorkflow, {
      taskQueue,
      workflowId: `greeting-${taskQueue}`,
      args: ['World'],
    }),
  );
}

describe('greetingWorkflow', () => {
  it('returns the greeting composed by the real activity', async () => {
    await expect(runGreetingWorkflow(activities)).resolves.toBe(
      'Hello, World!',
    );
  });

  it('passes the activity one input object with the greeting and the name', async () => {
    const inputs: GreetingInput[] = [];
    const result = await runGreetingWorkflow({
      composeGreeting: async (input: GreetingInput) => {
        inputs.push(input);
        return 'from the mock';
      },
    });
    expect(inputs).toEqual([{ greeting: 'Hello', name: 'World' }]);
    expect(result).toBe('from the mock');
  });
});
