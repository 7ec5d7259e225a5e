import { readFileSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { describe, expect, it } from 'vitest';
import { bundle } from './helpers';

// Recorded from a real dev server by the repository's `pnpm record-history`.
const history: unknown = JSON.parse(
  readFileSync(
    new URL('./fixtures/greeting-history.json', import.meta.url),
    'utf8',
  ),
);
const replay = async (file: string) =>
  Worker.runReplayHistory(
    { workflowBundle: await bundle(new URL(file, import.meta.url)) },
    history,
  );

describe('replaying a recorded greetingWorkflow history', () => {
  it('succeeds with the current workflow code', async () => {
    await expect(replay('../src/workflows.ts')).resolves.toBeUndefined();
  });

  it('fails with a DeterminismViolationError when the code no longer matches the history', async () => {
    await expect(replay('./nondeterministic-workflow.ts')).rejects.toThrow(
      DeterminismViolationError,
    );
  });
});
