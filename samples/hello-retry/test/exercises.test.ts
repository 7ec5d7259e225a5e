// The exercise at the end of the tutorial page, kept honest both ways: its
// check passes on the solution and, with its hint, fails on the untouched
// practice copy (what `pnpm exercise non-retryable` prints).
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { runExercise } from '@temporal-tutorials/tooling/exercise';
import { createTimeSkippingEnv } from '@temporal-tutorials/tooling/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const sampleDir = fileURLToPath(new URL('..', import.meta.url));
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});

afterAll(async () => {
  await env?.teardown();
});

describe('the non-retryable exercise', () => {
  const name = 'non-retryable';

  it('passes on the solution', async () => {
    expect(await runExercise({ sampleDir, name, copy: 'solution', env })).toEqual({
      passed: true,
      line:
        'non-retryable (solution): passes. A blank name failed on attempt 1 ' +
        'with a BlankName failure, never retried, and "World" was greeted on attempt 4.',
    });
  });

  it('fails on the untouched practice copy, saying what is missing', async () => {
    expect(await runExercise({ sampleDir, name, env })).toEqual({
      passed: false,
      line:
        'non-retryable (practice): not yet. The name "" got "Hello, !" after ' +
        '4 attempt(s); refuse a blank name with a non-retryable failure.',
    });
  });
});
