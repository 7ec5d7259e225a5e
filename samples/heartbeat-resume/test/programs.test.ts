// The Worker and the starter as a learner runs them: real processes, a real
// dev server, the lines they print and how they exit.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_QUEUE, WORKFLOW_ID } from '../src/shared';
import { devServer, startProgram, testProgramEdges } from './helpers';

testProgramEdges(['src/worker.ts', 'src/client.ts']);

describe('on a dev server', () => {
  let env: TestWorkflowEnvironment;
  const programs: ReturnType<typeof startProgram>[] = [];
  beforeAll(async () => {
    env = await devServer();
  });
  // Also when the test fails or times out: no process outlives the file.
  afterAll(async () => {
    await Promise.all(programs.map((program) => program.stop('SIGKILL')));
    await env?.teardown();
  });

  it('the starter waits for a Worker, a second start joins the run, Ctrl+C mid-batch stops the Worker cleanly and the next one resumes there', async () => {
    const address = { TEMPORAL_ADDRESS: env.address };
    const start = (file: string, extra: Record<string, string> = {}) => {
      const program = startProgram(file, [], { ...address, ...extra });
      programs.push(program);
      return program;
    };
    // Fast items: the batch takes 2 s, not the learner's 10.
    const fast = { HEARTBEAT_ITEM_MS: '100' };
    const first = start('src/client.ts');
    await first.waitForLine(/^Started workflow/);
    const second = start('src/client.ts');
    await second.waitForLine(/^Started workflow/);

    const stopped = start('src/worker.ts', fast);
    await stopped.waitForLine(/Processed item 4$/);
    expect(await stopped.stop('SIGINT')).toBe(0);
    // Ctrl+C cancels the running activity at once, and it says why.
    const cancelled = await stopped.waitForLine(/Cancelled at item/);
    expect(cancelled).toMatch(
      /^INFO \[activity\] Cancelled at item \d+ \(the Worker is shutting down\)$/,
    );
    const stoppedAt = Number(/item (\d+)/.exec(cancelled)?.[1]);

    const resumed = start('src/worker.ts', fast);
    // Its newest heartbeat went out on the way: the next attempt resumes at
    // the item the first Worker was on, no earlier.
    await resumed.waitForLine(
      new RegExp(`Resuming from item ${stoppedAt} \\(attempt 2\\)$`),
    );
    for (const starter of [first, second]) {
      expect(await starter.closed).toBe(0);
      expect(starter.lines).toEqual([
        `Started workflow ${WORKFLOW_ID}; waiting for a Worker on task queue ` +
          `"${TASK_QUEUE}" to run it.`,
        'Result: 20 items processed in 2 attempt(s), as recorded by heartbeats:',
        `  attempt 1: items 0 to ${stoppedAt - 1}`,
        `  attempt 2: items ${stoppedAt} to 19`,
        `Web UI: http://localhost:8233/namespaces/default/workflows/${WORKFLOW_ID}`,
      ]);
    }
    // One run: the second start joined the first.
    const handle = env.client.workflow.getHandle(WORKFLOW_ID);
    const events = (await handle.fetchHistory()).events ?? [];
    expect(
      events.filter((e) => e.activityTaskScheduledEventAttributes),
    ).toHaveLength(1);
    expect(await resumed.stop('SIGINT')).toBe(0);
    expect(resumed.lines[0]).toMatch(
      /^Worker polling task queue "heartbeat-resume" \(process \d+\)/,
    );
  });
});
