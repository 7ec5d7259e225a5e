/**
 * The `test/cli.test.ts` of the samples whose starters take no argument but --help and --verbose:
 * the starters as a user meets them (random argument lists, in process and in real processes),
 * workflow inputs sent by the Temporal CLI rather than by the starter, and a second start while a
 * run is still going. What differs from sample to sample (its starters, its parser, its workflows,
 * its inputs and their error messages) is the sample's to say.
 */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { WorkflowFailedError, type Workflow } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireServerBinary } from './binaries';
import { bundleWorkflows, createDevServerEnv, createWorker, startSampleProcess } from './testing';

export interface StarterCliTests {
  sampleDir: URL;
  /** Each starter program and the workflow id it would start. */
  starters: { file: string; workflowId: string }[];
  /** The sample's own argument parser (src/cli.ts) and the error it refuses with. */
  parseOptions: (args: string[]) => 'help' | object;
  UsageError: new (...args: never[]) => Error;
  workflowsFile: URL;
  activities: object;
  /** The workflow types a user could start with `pnpm temporal workflow start`. */
  workflowTypes: string[];
  /** Inputs that did not come from the starter: a name, the CLI's arguments, the error's words. */
  invalidInputs: [name: string, args: string[], message: string][];
  /** A run already going, that the first starter attaches to; `shownInput` is the input it prints. */
  running: { workflow: Workflow; taskQueue: string; args: unknown[]; shownInput: string };
}

// Arguments a user might type, right and wrong.
const argument = fc.oneof(
  fc.constantFrom('--help', '-h', '--verbose', '--', '-', '--amount', '-5'),
  fc.constantFrom('--bogus', '--verbose=1', '--name', 'World', '--help=no'),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ maxLength: 8 }).map((text) => `--${text}`),
);
const argumentList = fc.array(argument, { maxLength: 6 });

const runCli = promisify(execFile);

export function testStarterCli(sample: StarterCliTests): void {
  const { sampleDir, starters, parseOptions, UsageError } = sample;
  let env: TestWorkflowEnvironment;
  let workflowBundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    [env, workflowBundle] = await Promise.all([createDevServerEnv(), bundleWorkflows(sample.workflowsFile)]);
  });

  afterAll(async () => {
    await env?.teardown();
  });

  describe('the starters take no argument but --help and --verbose', () => {
    it('parses any argument list or refuses it with a UsageError', () => {
      fc.assert(
        fc.property(argumentList, (args) => {
          try {
            const parsed = parseOptions(args);
            expect(parsed === 'help' || Object.keys(parsed).length === 0).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(UsageError);
          }
        }),
        { numRuns: 300 },
      );
    });

    it('refuse a wrong argument list in one line, starting nothing', async () => {
      // Real processes against a real server: a few cases, ~1 s of CPU each.
      const wrong = argumentList.filter((args) => {
        try {
          return parseOptions(args) === 'help';
        } catch {
          return true;
        }
      });
      const runs = starters.flatMap(({ file, workflowId }, index) =>
        [['--bogus', '1'], ...fc.sample(wrong, { numRuns: 1, seed: index })].map(async (args) => {
          const starter = startSampleProcess(sampleDir, file, { TEMPORAL_ADDRESS: env.address }, args);
          const [code] = (await once(starter.child, 'close')) as [number];
          return { file, workflowId, args, code, output: starter.lines };
        }),
      );
      for (const { file, workflowId, args, code, output } of await Promise.all(runs)) {
        const why = `${file} ${JSON.stringify(args)}:\n${output.join('\n')}`;
        expect(output.join('\n'), why).not.toMatch(/^\s+at /m);
        expect([0, 2], why).toContain(code);
        if (code === 2) {
          expect(output[0], why).toMatch(/^Nothing was started: /);
          expect(output.slice(1, 2), why).toEqual([expect.stringMatching(/^Usage/)]);
        }
        await expect(env.client.workflow.getHandle(workflowId).describe()).rejects.toThrow(/not found/i);
      }
    });
  });

  describe('a workflow input that did not come from our starter', () => {
    it('fails the workflow: a non-retryable error naming the field', async () => {
      const taskQueue = 'cli-input';
      const worker = await createWorker({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle,
        activities: sample.activities,
      });
      const cases = sample.invalidInputs.flatMap(([name, input, message]) =>
        sample.workflowTypes.map((type) => ({ workflowId: `${type}-${name}`, type, input, message })),
      );
      const handles = await Promise.all(
        cases.map(async ({ workflowId, type, input }) => {
          // The pinned Temporal CLI, as `pnpm temporal workflow start` runs it.
          await runCli(requireServerBinary('cli'), [
            ...['workflow', 'start', '--address', env.address],
            ...['--task-queue', taskQueue, '--type', type],
            ...['--workflow-id', workflowId, ...input],
          ]);
          return env.client.workflow.getHandle(workflowId);
        }),
      );
      const failures = await worker.runUntil(
        Promise.all(handles.map((handle) => handle.result().catch((error: unknown) => error))),
      );
      for (const [index, failure] of failures.entries()) {
        expect(failure, handles[index]!.workflowId).toBeInstanceOf(WorkflowFailedError);
        expect((failure as WorkflowFailedError).cause).toMatchObject({
          type: 'InvalidInputError',
          nonRetryable: true,
          message: expect.stringContaining(cases[index]!.message) as unknown,
        });
        const { events } = await handles[index]!.fetchHistory();
        // Failed for good at once, not a workflow task failing again and again.
        expect(events?.filter((event) => event.workflowTaskFailedEventAttributes)).toEqual([]);
      }
    });
  });

  describe('a second start while a run is still going', () => {
    it('attaches to that run, says so and shows its real input', async () => {
      const [{ file, workflowId }] = starters as [StarterCliTests['starters'][number]];
      const { workflow, taskQueue, args, shownInput } = sample.running;
      const running = await env.client.workflow.start(workflow, { taskQueue, workflowId, args });
      const starter = startSampleProcess(sampleDir, file, { TEMPORAL_ADDRESS: env.address });
      try {
        expect(await starter.waitForLine(/already running/, 60_000)).toBe(
          `Workflow ${workflowId} is already running: attached to that run, whose input is ${shownInput}.`,
        );
      } finally {
        await starter.kill();
        await running.terminate();
      }
    });
  });
}
