// The Worker and the starter as a learner runs them: real processes, a real
// dev server, the lines they print and how they exit.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKFLOW_ID } from '../src/shared';
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

  it('the starter waits for a Worker, a second start joins the run, the order fails on a timeout, Ctrl+C stops the Worker cleanly', async () => {
    const address = { TEMPORAL_ADDRESS: env.address };
    const first = startProgram('src/client.ts', [], address);
    await first.waitForLine(/^Started workflow/);
    const second = startProgram('src/client.ts', [], address);
    await second.waitForLine(/^Started workflow/);
    const worker = startProgram('src/worker.ts', [], address);
    for (const starter of [first, second]) {
      // The workflow's failure is what the sample shows: not the starter's.
      expect(await starter.closed).toBe(0);
      expect(starter.lines).toEqual([
        `Started workflow ${WORKFLOW_ID}`,
        expect.stringMatching(
          /^Workflow failed: Activity task timed out <- .*ScheduleToClose/,
        ),
      ]);
    }
    // One run: the second start joined the first, which scheduled the
    // price look-up and the charge once each.
    const handle = env.client.workflow.getHandle(WORKFLOW_ID);
    const events = (await handle.fetchHistory()).events ?? [];
    expect(
      events.flatMap(
        (e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? [],
      ),
    ).toEqual(['lookUpPrice', 'chargeCard']);
    expect(await worker.stop('SIGINT')).toBe(0);
    // lookUpPrice's first attempt was abandoned, and attempt 2 answered.
    expect(worker.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Worker polling task queue "activity-timeouts"/),
        'INFO [activity] lookUpPrice attempt 1',
        'INFO [activity] lookUpPrice attempt 2',
        'INFO [activity] chargeCard attempt 1',
      ]),
    );
    expect(worker.lines[0]).toMatch(/^Worker polling/);
  });
});
