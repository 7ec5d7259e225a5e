import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleProblem } from '../src/exercise';
import { startSampleProcess } from '../src/processes';

const exerciseCli = fileURLToPath(new URL('../src/exercise-cli.ts', import.meta.url));
const helloRetry = new URL('../../samples/hello-retry/', import.meta.url);

async function runCli(args: string[]) {
  const run = startSampleProcess(helloRetry, exerciseCli, {}, args);
  // 'close', not 'exit': the output is all read by then.
  const [exitCode] = (await once(run.child, 'close')) as [number | null];
  return { exitCode, lines: run.lines };
}

describe.concurrent('pnpm exercise', () => {
  it("prints one line and exits 1 on the practice copy, though its Worker's activity fails three times", async () => {
    const { exitCode, lines } = await runCli(['non-retryable']);
    expect(exitCode).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^non-retryable \(practice\): not yet\. The name "" got/)]);
  });

  it('names the exercises when the name is wrong', async () => {
    const { exitCode, lines } = await runCli(['non-retryabel']);
    expect(exitCode).toBe(1);
    expect(lines).toEqual(['No exercise "non-retryabel" here; the exercises are: non-retryable.']);
  });
});

describe("the bundler's report, in one line", () => {
  it('says where the syntax error is', () => {
    const report = [
      'asset workflow-bundle-43937d72b28c817bfe95.js 1.47 MiB [emitted] [immutable] (name: main)',
      '',
      'ERROR in ./exercises/farewell/practice/workflows.ts',
      'Module build failed (from ../../node_modules/.pnpm/swc-loader@0.2.7/node_modules/swc-loader/src/index.js):',
      'Error:   x Expression expected',
      '    ,-[/work/samples/hello-activity/exercises/farewell/practice/workflows.ts:12:1]',
      ' 12 |   return greeting +;',
      '    :                    ^',
      'Caused by:',
      '    Syntax Error',
    ].join('\n');
    expect(bundleProblem(report)).toBe('workflows.ts:12:1: Expression expected');
  });

  it('explains a Node.js module imported into workflow code', () => {
    const report = [
      'node:fs 39 bytes [built] [code generated] [1 error]',
      '',
      'ERROR in node:fs',
      'Module build failed: UnhandledSchemeError: Reading from "node:fs" is not handled by plugins (Unhandled scheme).',
      '    at /work/node_modules/webpack/lib/NormalModule.js:1544:13',
    ].join('\n');
    expect(bundleProblem(report)).toBe(
      'Workflow code cannot import node:fs: workflows run in a sandbox without Node.js modules',
    );
  });

  it('keeps the first line of a missing module', () => {
    const report = [
      'ERROR in ./exercises/farewell/practice/workflows.ts 3:0-33',
      "Module not found: Error: Can't resolve './nothing' in '/work/samples/hello-activity/exercises/farewell/practice'",
    ].join('\n');
    expect(bundleProblem(report)).toBe(
      "workflows.ts 3:0-33: Can't resolve './nothing' in '/work/samples/hello-activity/exercises/farewell/practice'",
    );
  });
});
