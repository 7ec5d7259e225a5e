// The Worker and the starter as a learner runs them: real processes, a real
// dev server, the lines they print and how they exit.
import { once } from 'node:events';
import net from 'node:net';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_QUEUE, WORKFLOW_ID } from '../src/shared';
import { devServer, startProgram, testProgramEdges } from './helpers';

testProgramEdges(['src/worker.ts', 'src/client.ts']);

describe('on a dev server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await devServer();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('the starter waits for a Worker, a second start joins the run, Ctrl+C stops the Worker cleanly', async () => {
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
    // One run: the second start joined the first.
    const handle = env.client.workflow.getHandle(WORKFLOW_ID);
    const events = (await handle.fetchHistory()).events ?? [];
    expect(
      events.filter((e) => e.activityTaskScheduledEventAttributes),
    ).toHaveLength(1);
    expect(await worker.stop('SIGINT')).toBe(0);
    expect(worker.lines[0]).toMatch(
      /^Worker polling task queue "hello-activity"/,
    );
  });
});

describe('a Worker started before its server', () => {
  let env: TestWorkflowEnvironment | undefined;
  afterAll(async () => {
    await env?.teardown();
  });

  it('says so, waits, and runs the workflow once the server answers', async () => {
    // A port nothing listens on yet; the dev server takes it afterwards.
    const probe = net.createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as net.AddressInfo;
    probe.close();
    const address = { TEMPORAL_ADDRESS: `127.0.0.1:${port}` };
    const worker = startProgram('src/worker.ts', [], address);
    await worker.waitForLine(/^No Temporal server answered at/);
    env = await devServer({ port });
    await worker.waitForLine(/^Worker polling task queue/);
    const starter = startProgram('src/client.ts', [], address);
    expect(await starter.closed).toBe(0);
    expect(starter.lines).toContain('Result: Hello, World!');
    expect(await worker.stop('SIGINT')).toBe(0);
    expect(worker.lines[0]).toBe(
      `No Temporal server answered at 127.0.0.1:${port}; trying again in ` +
        '1 s (Ctrl+C stops).',
    );
  });
});
