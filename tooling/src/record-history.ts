/**
 * `record-history --workflow <type> [--args <json array>] --out <file> [--dev-server]`, run in a
 * sample folder: runs the workflow once with the sample's real activities on a time-skipping server
 * (or, with --dev-server, a real dev server, as in production) and saves its event history as JSON,
 * the fixture that the sample's replay test checks the current code against.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { createDevServerEnv, createTimeSkippingEnv } from './testing';

const { values } = parseArgs({
  options: {
    workflow: { type: 'string' },
    args: { type: 'string', default: '[]' },
    out: { type: 'string' },
    'dev-server': { type: 'boolean', default: false },
  },
});
if (!values.workflow || !values.out) {
  console.error(
    'usage: record-history --workflow <workflow type> [--args <json array>] --out <file.json> [--dev-server]',
  );
  process.exit(2);
}

/** The module's activity functions, or what its createActivities() returns for a sample whose activities take a dependency (with defaults). */
async function sampleActivities(): Promise<object> {
  const module = (await import(path.resolve('src/activities.ts'))) as Record<string, unknown>;
  return typeof module.createActivities === 'function' ? (module.createActivities as () => object)() : module;
}

const env = values['dev-server'] ? await createDevServerEnv() : await createTimeSkippingEnv();
try {
  const taskQueue = 'record-history';
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: path.resolve('src/workflows.ts'),
    activities: await sampleActivities(),
  });
  const handle = await env.client.workflow.start(values.workflow, {
    taskQueue,
    workflowId: `record-${values.workflow}`,
    args: JSON.parse(values.args) as unknown[],
  });
  // A workflow that fails still has a history worth replaying.
  await worker.runUntil(handle.result().catch(() => undefined));
  writeFileSync(values.out, `${historyToJSON(await handle.fetchHistory())}\n`);
  console.log(`Wrote the history of ${values.workflow} to ${values.out}`);
} finally {
  await env.teardown();
}
