/**
 * The samples' `test/exercises.test.ts`: every exercise of a sample, checked both ways on one
 * time-skipping server: the check passes on the solution, and fails with its hint on the untouched
 * practice copy. The expected lines are the test's: a changed hint is a reviewed change.
 */
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exerciseNames, runExercise } from './exercise';
import { createTimeSkippingEnv } from './testing';

export interface ExpectedLines {
  /** What the check prints for the solution (it passes). */
  solution: string;
  /** What it prints for the practice copy as it is shipped (not yet). */
  practice: string;
}

export function testExercises(sampleDirUrl: URL, expected: Record<string, ExpectedLines>): void {
  const sampleDir = fileURLToPath(sampleDirUrl);
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('has a test for each exercise', () => {
    expect(Object.keys(expected).sort()).toEqual(exerciseNames(sampleDir));
  });

  for (const [name, lines] of Object.entries(expected))
    describe(`the ${name} exercise`, () => {
      it('passes on the solution', async () => {
        expect(await runExercise({ sampleDir, name, copy: 'solution', env })).toEqual({
          passed: true,
          line: lines.solution,
        });
      });

      it('fails on the untouched practice copy, saying what is missing', async () => {
        expect(await runExercise({ sampleDir, name, env })).toEqual({ passed: false, line: lines.practice });
      });
    });
}
