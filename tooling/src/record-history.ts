/**
 * `record-history --workflow <type> [--args <json array>] [--activity-options <json>] --out <file>`,
 * run in a sample folder: runs the workflow once with the sample's real activities on a real dev
 * server (real time, real retries and timeouts, as in production) and saves its event history as
 * JSON, the fixture that the sample's replay test checks the current code against.
 * `--activity-options` is passed to the sample's `createActivities()`, e.g. to make an attempt fail.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { parseOptions, reportFailure, UsageError } from './cli';
import { createDevServerEnv } from './testing';

const usage =
  'Usage: record-history --workflow <workflow type> [--args <json array>] [--activity-options <json>] --out <file.json>';

function json(option: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${option} takes JSON, not ${text}`);
  }
}

function readOptions(): { workflow: string; args: unknown[]; activityOptions: unknown; out: string } {
  const { values, help } = parseOptions(process.argv.slice(2), ['workflow', 'args', 'activity-options', 'out']);
  if (help) {
    console.log(usage);
    process.exit(0);
  }
  if (!values.workflow || !values.out) throw new UsageError('--workflow and --out are required');
  const args = json('--args', values.args ?? '[]');
  if (!Array.isArray(args)) throw new UsageError(`--args takes a JSON array, not ${values.args}`);
  const activityOptions =
    values['activity-options'] === undefined ? undefined : json('--activity-options', values['activity-options']);
  return { workflow: values.workflow, args, activityOptions, out: values.out };
}

let values: ReturnType<typeof readOptions>;
try {
  values = readOptions();
} catch (error) {
  reportFailure(usage, error);
}

/** The module's activity functions, or what its createActivities() returns for a sample whose activities take options or a dependency. */
async function sampleActivities(options?: unknown): Promise<object> {
  const module = (await import(path.resolve('src/activities.ts'))) as Record<string, unknown>;
  if (typeof module.createActivities === 'function')
    return (module.createActivities as (options?: unknown) => object)(options);
  if (options !== undefined)
    throw new Error('--activity-options needs a sample whose activities.ts exports createActivities()');
  return module;
}

// Only warnings and errors: the bundler's report and the Worker's state changes are noise here.
Runtime.install({ logger: new DefaultLogger('WARN') });
const env = await createDevServerEnv();
try {
  const taskQueue = 'record-history';
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: path.resolve('src/workflows.ts'),
    activities: await sampleActivities(values.activityOptions),
  });
  const handle = await env.client.workflow.start(values.workflow, {
    taskQueue,
    workflowId: `record-${values.workflow}`,
    args: values.args,
  });
  // A workflow that fails still has a history worth replaying.
  await worker.runUntil(handle.result().catch(() => undefined));
  writeFileSync(values.out, `${historyToJSON(await handle.fetchHistory())}\n`);
  console.log(`Wrote the history of ${values.workflow} to ${values.out}`);
} finally {
  await env.teardown();
}
