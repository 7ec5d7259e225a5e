// Input from outside the TypeScript client: raw payloads, as another SDK or a
// script may send them, to the sample's workflow on a real Worker.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, it } from 'vitest';
import * as activities from '../src/activities';
import {
  bundle,
  devServer,
  expectRefused,
  hostileInputs,
  startRaw,
  testWorker,
} from './helpers';

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const taskQueue = 'raw-input';

beforeAll(async () => {
  env = await devServer();
  worker = await testWorker({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await bundle(
      new URL('../src/workflows.ts', import.meta.url),
    ),
    activities,
  });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

describe.concurrent('greetingWorkflow, started with raw payloads', () => {
  it.each(hostileInputs)(
    '%s: refused at once, naming the name and showing it briefly',
    async (_, payload, shown) => {
      const run = await startRaw(env.client, taskQueue, 'greetingWorkflow', [
        payload,
      ]);
      expectRefused(run, 'InvalidInputError', /name must be/, shown);
    },
  );
});
