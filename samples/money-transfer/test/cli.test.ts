// The starter as a user meets it: random argument lists, and workflow inputs
// sent by the Temporal CLI rather than by our starter.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { WorkflowFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { requireServerBinary } from '@temporal-tutorials/tooling';
import {
  bundleWorkflows,
  createDevServerEnv,
  createWorker,
  startSampleProcess,
} from '@temporal-tutorials/tooling/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../src/activities';
import { UsageError } from '../src/cli';
import {
  paymentFromArgs,
  paymentProblems,
  transferWorkflowId,
} from '../src/shared';
import { newBank } from './harness';

const sampleDir = new URL('..', import.meta.url);
const runCli = promisify(execFile);

// What a user might type after each option, right and wrong.
const value = fc.oneof(
  fc.constantFrom('85-150', '43-812', '27-309', '250', '-5', '0', '2.5'),
  fc.constantFrom('1e400', '9007199254740993', 'abc', '', ' ', '--to'),
  fc.integer().map(String),
  fc.double().map(String),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);
const option = fc.constantFrom(
  ...['--from', '--to', '--amount', '--reference', '--bogus', '-x'],
);
const argument = fc.oneof(
  fc.tuple(option, value).map(([name, text]) => [name, text]),
  fc.tuple(option, value).map(([name, text]) => [`${name}=${text}`]),
  fc.constantFrom(['--help'], ['--verbose'], ['--amount'], ['extra']),
  value.map((text) => [text]),
);
const argumentList = fc
  .array(argument, { maxLength: 5 })
  .map((parts) => parts.flat());

/** 'help', 'wrong' (exit 2, nothing started) or 'start', in-process. */
function verdict(args: string[]): 'help' | 'wrong' | 'start' {
  try {
    const payment = paymentFromArgs(args);
    if (payment === 'help') return 'help';
    return paymentProblems(payment).length > 0 ? 'wrong' : 'start';
  } catch (error) {
    if (error instanceof UsageError) return 'wrong';
    throw error;
  }
}

let env: TestWorkflowEnvironment;
let workflowBundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  [env, workflowBundle] = await Promise.all([
    createDevServerEnv(),
    bundleWorkflows(new URL('../src/workflows.ts', import.meta.url)),
  ]);
});

afterAll(async () => {
  await env?.teardown();
});

describe('the starter’s arguments', () => {
  it('a negative amount reaches the amount check, written either way', () => {
    for (const args of [['--amount', '-5'], ['--amount=-5']])
      expect(paymentProblems(paymentFromArgs(args) as never)).toEqual([
        'the amount must be a positive whole number (got -5)',
      ]);
  });

  it('any argument list is a help, a refusal or a payment', () => {
    fc.assert(
      fc.property(argumentList, (args) => {
        expect(['help', 'wrong', 'start']).toContain(verdict(args));
      }),
      { numRuns: 300 },
    );
  });

  it('the real starter refuses wrong arguments, starting nothing', async () => {
    // Real processes against a real server: a few cases, ~1 s of CPU each.
    const wrong = argumentList.filter((args) => verdict(args) === 'wrong');
    const cases = [
      ['--amount', '-5'],
      ['--bogus', '1'],
      ...fc.sample(wrong, { numRuns: 1, seed: 17 }),
    ].map((args, index) => [...args, `--reference=cli-${index}`]);
    const runs = await Promise.all(
      cases.map(async (args) => {
        const starter = startSampleProcess(
          sampleDir,
          'src/client.ts',
          { TEMPORAL_ADDRESS: env.address },
          args,
        );
        const [code] = (await once(starter.child, 'close')) as [number];
        return { args, code, output: starter.lines };
      }),
    );
    expect(runs[0]!.output[0]).toBe(
      'Nothing was started: the amount must be a positive whole number ' +
        '(got -5).',
    );
    for (const [index, { args, code, output }] of runs.entries()) {
      const why = `${JSON.stringify(args)}:\n${output.join('\n')}`;
      expect(output.join('\n'), why).not.toMatch(/^\s+at /m);
      expect(code, why).toBe(2);
      expect(output[0], why).toMatch(/^Nothing was started: /);
      expect(output[1], why).toMatch(/^Usage/);
      const workflowId = transferWorkflowId(`cli-${index}`);
      await expect(
        env.client.workflow.getHandle(workflowId).describe(),
      ).rejects.toThrow(/not found/i);
    }
  });
});

describe('pnpm chaos', () => {
  it('refuses a negative count in one line with the usage', async () => {
    const chaos = startSampleProcess(sampleDir, 'scripts/chaos.ts', {}, [
      '--kills',
      '-1',
    ]);
    const [code] = (await once(chaos.child, 'close')) as [number];
    expect(code).toBe(2);
    expect(chaos.lines).toEqual([
      'Nothing was started: --kills must be a whole number >= 0, not -1.',
      expect.stringMatching(/^Usage: pnpm chaos/) as unknown,
      expect.stringMatching(/--deadline 900\]$/) as unknown,
    ]);
  });
});

describe('a payment that did not come from our starter', () => {
  const payment = { sourceAccount: '85-150', targetAccount: '43-812' };
  const inputs: [string, string[], string][] = [
    ['null', ['--input', 'null'], 'sourceAccount must be'],
    ['no input', [], 'sourceAccount must be'],
    ['a string', ['--input', '"250"'], 'sourceAccount must be'],
    [
      'a string amount',
      ['--input', JSON.stringify({ ...payment, amount: '250' })],
      'amount must be a number',
    ],
    [
      'no reference',
      ['--input', JSON.stringify({ ...payment, amount: 250 })],
      'referenceId must be',
    ],
  ];

  it('fails the workflow: a non-retryable error naming the field', async () => {
    const taskQueue = 'cli-input';
    const bank = newBank();
    const worker = await createWorker({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle,
      activities: createActivities(bank),
    });
    const handles = await Promise.all(
      inputs.map(async ([name, input]) => {
        const workflowId = `input-${name}`;
        // The pinned Temporal CLI, as `pnpm temporal workflow start` runs it.
        await runCli(requireServerBinary('cli'), [
          ...['workflow', 'start', '--address', env.address],
          ...['--task-queue', taskQueue, '--type', 'moneyTransfer'],
          ...['--workflow-id', workflowId, ...input],
        ]);
        return env.client.workflow.getHandle(workflowId);
      }),
    );
    const failures = await worker.runUntil(
      Promise.all(
        handles.map((handle) =>
          handle.result().catch((error: unknown) => error),
        ),
      ),
    );
    for (const [index, failure] of failures.entries()) {
      expect(failure, handles[index]!.workflowId).toBeInstanceOf(
        WorkflowFailedError,
      );
      expect((failure as WorkflowFailedError).cause).toMatchObject({
        type: 'InvalidPaymentError',
        nonRetryable: true,
        message: expect.stringContaining(inputs[index]![2]) as unknown,
      });
      const { events } = await handles[index]!.fetchHistory();
      // Failed for good at once, not a workflow task failing again and again.
      expect(
        events?.filter((event) => event.workflowTaskFailedEventAttributes),
      ).toEqual([]);
    }
    expect(bank.journal()).toEqual([]);
  });
});
