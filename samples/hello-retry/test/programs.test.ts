// The Worker and the starters as a learner runs them: real processes, a real
// dev server, the lines they print and how they exit.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  vi,
} from 'vitest';
import { webUiLine } from '../src/program';
import { TASK_QUEUE, WORKFLOW_ID } from '../src/shared';
import { devServer, startProgram, testProgramEdges } from './helpers';

testProgramEdges(['src/worker.ts', 'src/client.ts', 'src/workflow-retry.ts']);

describe('the Web UI link', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('is TEMPORAL_UI_URL when set', () => {
    vi.stubEnv('TEMPORAL_UI_URL', 'https://temporal.example.com/');
    expect(webUiLine('orders', 'w')).toBe(
      'Web UI: https://temporal.example.com/namespaces/orders/workflows/w',
    );
  });

  it("is a local dev server's, on TEMPORAL_UI_PORT; for another address no guess", () => {
    vi.stubEnv('TEMPORAL_UI_URL', undefined);
    vi.stubEnv('TEMPORAL_UI_PORT', '8333');
    vi.stubEnv('TEMPORAL_ADDRESS', '127.0.0.1:7333');
    expect(webUiLine('default', 'w')).toBe(
      'Web UI: http://localhost:8333/namespaces/default/workflows/w',
    );
    vi.stubEnv('TEMPORAL_ADDRESS', 'temporal.internal:7233');
    expect(webUiLine('default', 'w')).toMatch(/set TEMPORAL_UI_URL/);
  });
});

describe('on a dev server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await devServer();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('the starter waits for a Worker, a second start joins the run, the Worker logs attempts 1 to 4, Ctrl+C stops it cleanly', async () => {
    const address = { TEMPORAL_ADDRESS: env.address };
    const first = startProgram('src/client.ts', [], address);
    await first.waitForLine(/^Started workflow/);
    const second = startProgram('src/client.ts', [], address);
    await second.waitForLine(/^Started workflow/);
    const worker = startProgram('src/worker.ts', [], address);
    for (const starter of [first, second]) {
      expect(await starter.closed).toBe(0);
      expect(starter.lines).toEqual([
        `Started workflow ${WORKFLOW_ID}; waiting for a Worker on task queue ` +
          `"${TASK_QUEUE}" to run it.`,
        'Result: Hello, World!',
        `Web UI: http://localhost:8233/namespaces/default/workflows/${WORKFLOW_ID}`,
      ]);
    }
    // One run, one activity: the second start joined the first.
    const handle = env.client.workflow.getHandle(WORKFLOW_ID);
    const events = (await handle.fetchHistory()).events ?? [];
    expect(
      events.filter((e) => e.activityTaskScheduledEventAttributes),
    ).toHaveLength(1);
    expect(await worker.stop('SIGINT')).toBe(0);
    expect(worker.lines).toEqual([
      expect.stringMatching(/^Worker polling task queue "hello-retry"/),
      ...[1, 2, 3].flatMap((attempt) => [
        `INFO [activity] Invoking activity, attempt number ${attempt}`,
        `WARN [worker] Activity failed: Intentional failure on attempt ${attempt}`,
      ]),
      'INFO [activity] Invoking activity, attempt number 4',
    ]);
  });
});
