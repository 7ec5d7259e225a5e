/**
 * The exercises at the end of each tutorial. A sample's `exercises/<name>/` holds `task.md`, a
 * `practice/` copy with TODOs for the learner, a `solution/`, and `check.ts`, whose default export
 * runs workflows with the copy's code on a real Worker and a time-skipping test server. The check
 * throws `NotYet` with one line of advice while the copy is unfinished, and returns one line saying
 * what it saw when the copy passes.
 *
 * `pnpm exercise <name>` in the sample's folder checks `practice/` (`--solution` checks the
 * solution) and prints one line: no stack trace, no bundler report. Exit code 0 passes, 1 not yet.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createTimeSkippingEnv } from './testing';

/** What is still missing, said in one line the learner can act on. */
export class NotYet extends Error {
  override name = 'NotYet';
}

export interface ExerciseContext {
  /** The time-skipping test server the check runs its workflows on. */
  env: TestWorkflowEnvironment;
  /** The folder being checked (`practice/` or `solution/`), as a URL ending in `/`. */
  copy: URL;
  /** Imports a module of the copy, e.g. `load<typeof import('./solution/activities')>('activities.ts')`. */
  load: <T>(file: string) => Promise<T>;
  /** Bundles a workflow file (of the copy, or any URL); a file that does not bundle is a `NotYet`. */
  bundle: (file: string | URL) => Promise<WorkflowBundleWithSourceMap>;
  /** A task queue no other check uses. */
  taskQueue: () => string;
  /**
   * The workflow's result. An error in workflow code fails the workflow task, which Temporal
   * retries for ever; this makes it a `NotYet` naming the error at once.
   */
  result: <T>(handle: WorkflowHandle) => Promise<T>;
}

export type ExerciseCheck = (context: ExerciseContext) => Promise<string>;

export interface ExerciseResult {
  passed: boolean;
  /** The one line the learner sees. */
  line: string;
}

export interface RunExerciseOptions {
  /** The sample's folder. */
  sampleDir: string;
  name: string;
  copy?: 'practice' | 'solution';
  /** A server to share (the samples' tests); without one, the run starts and stops its own. */
  env?: TestWorkflowEnvironment;
  timeoutMs?: number;
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find(Boolean) ?? text
  );
}

/**
 * The first error in the bundler's report, in one line: the module, what is wrong and where, e.g.
 * "workflows.ts:12:20: Expression expected", not the whole report and its stack traces.
 */
export function bundleProblem(report: string): string {
  const section = report.split(/^ERROR in /m)[1];
  if (!section) return firstLine(report);
  const [module = '', ...rest] = section.split('\n');
  const scheme = /^(node:[\w/]+)/.exec(module)?.[1];
  if (scheme) return `Workflow code cannot import ${scheme}: workflows run in a sandbox without Node.js modules`;
  const swcError = rest.map((line) => /^\s*(?:Error:)?\s*x (.+)$/.exec(line)?.[1]).find(Boolean);
  const location = rest.map((line) => /,-\[(.+?)\]/.exec(line)?.[1]).find(Boolean);
  const plain = rest
    .map((line) => line.trim())
    .find((line) => line && !line.startsWith('at ') && !/^Module build failed \(from/.test(line));
  const where = location ? path.basename(location) : path.basename(module.trim());
  return `${where}: ${(swcError ?? plain ?? module).replace(/^Module (build failed|not found): (\w*Error: )?/, '')}`;
}

/** Bundles a workflow file, keeping the bundler's report to say what is wrong in one line. */
async function bundleForCheck(file: URL): Promise<WorkflowBundleWithSourceMap> {
  const errors: string[] = [];
  const collect = (level: string, message: string) => {
    if (level === 'ERROR' || level === 'error') errors.push(message);
  };
  const logger = {
    log: collect,
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (message: string) => collect('error', message),
  };
  try {
    return await bundleWorkflowCode({ workflowsPath: fileURLToPath(file), logger });
  } catch (error) {
    const report = errors.join('\n') || (error instanceof Error ? error.message : String(error));
    throw new NotYet(`${path.basename(fileURLToPath(file))} does not bundle. ${bundleProblem(report)}`);
  }
}

async function resultOrTaskFailure<T>(handle: WorkflowHandle): Promise<T> {
  let settled = false;
  const watchTasks = async (): Promise<never> => {
    while (!settled) {
      const events = (await handle.fetchHistory()).events ?? [];
      const failure = events.find((event) => event.workflowTaskFailedEventAttributes)?.workflowTaskFailedEventAttributes
        ?.failure;
      if (failure)
        throw new NotYet(
          `The workflow code threw "${failure.message ?? 'an error'}", so its task fails and is retried for ever` +
            ' (a workflow fails for good only by throwing an ApplicationFailure).',
        );
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return new Promise<never>(() => undefined);
  };
  try {
    return (await Promise.race([handle.result(), watchTasks()])) as T;
  } finally {
    settled = true;
  }
}

export function exerciseNames(sampleDir: string): string[] {
  const dir = path.join(sampleDir, 'exercises');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(path.join(dir, name, 'check.ts')))
    .sort();
}

// A test that checks the practice and the solution of an exercise bundles a shared workflow file once.
const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();

function bundleOnce(file: URL): Promise<WorkflowBundleWithSourceMap> {
  let bundle = bundles.get(file.href);
  if (!bundle) {
    bundle = bundleForCheck(file);
    bundles.set(file.href, bundle);
    bundle.catch(() => bundles.delete(file.href));
  }
  return bundle;
}

export async function runExercise({
  sampleDir,
  name,
  copy = 'practice',
  env,
  timeoutMs = 90_000,
}: RunExerciseOptions): Promise<ExerciseResult> {
  const exerciseDir = path.join(sampleDir, 'exercises', name);
  const checkFile = path.join(exerciseDir, 'check.ts');
  const label = `${name} (${copy})`;
  if (!existsSync(checkFile)) {
    const known = exerciseNames(sampleDir);
    return {
      passed: false,
      line: `No exercise "${name}" here; ${known.length ? `the exercises are: ${known.join(', ')}` : 'this sample has none'}.`,
    };
  }
  const copyDir = pathToFileURL(path.join(exerciseDir, copy) + path.sep);
  let ownEnv: TestWorkflowEnvironment | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const { default: check } = (await import(pathToFileURL(checkFile).href)) as { default: ExerciseCheck };
    if (!env) ownEnv = env = await createTimeSkippingEnv();
    const context: ExerciseContext = {
      env,
      copy: copyDir,
      load: async <T>(file: string) => (await import(new URL(file, copyDir).href)) as T,
      bundle: (file) => bundleOnce(new URL(file, copyDir)),
      taskQueue: () => `exercise-${name}-${crypto.randomUUID()}`,
      result: resultOrTaskFailure,
    };
    const passed = await Promise.race([
      check(context),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new NotYet(`The check did not finish within ${timeoutMs / 1000} s; does a workflow wait forever?`)),
          timeoutMs,
        );
      }),
    ]);
    return { passed: true, line: `${label}: passes. ${passed}` };
  } catch (error) {
    if (error instanceof NotYet) return { passed: false, line: `${label}: not yet. ${error.message}` };
    const message = error instanceof Error ? `${error.name}: ${firstLine(error.message)}` : String(error);
    return { passed: false, line: `${label}: not yet. The check stopped at ${message}` };
  } finally {
    clearTimeout(timer);
    // A check that timed out may leave a Worker running; the process ends anyway.
    await ownEnv?.teardown().catch(() => undefined);
  }
}
