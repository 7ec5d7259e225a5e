import { fileURLToPath } from 'node:url';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
} from '@temporalio/worker';
import { createActivities } from './activities';
import { logLine, parseOptions, runMain, untilServerAnswers } from './program';
import { TASK_QUEUE } from './shared';

const usage = `Usage: pnpm worker [--help] [--verbose]
Runs the batch workflow and its activity. HEARTBEAT_FAIL_AT_ITEM=7 makes
attempt 1 fail at item 7; HEARTBEAT_ITEM_MS sets the time per item (500).`;
// One short line per log entry (program.ts); the Web UI has the details.
Runtime.install({ logger: new DefaultLogger('INFO', logLine) });

/** HEARTBEAT_FAIL_AT_ITEM, if set: the item at which attempt 1 fails. */
function failAtItemFromEnv(): number | undefined {
  const item = process.env.HEARTBEAT_FAIL_AT_ITEM;
  return item ? Number(item) : undefined;
}

// @@@SNIPSTART heartbeat-resume-worker
async function run(): Promise<void> {
  if (!parseOptions(usage, {})) return;
  // TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY or a config
  // profile choose the server; with none set, localhost:7233 and "default".
  const { connectionOptions, namespace } = loadClientConnectConfig();
  // Started before its server, it waits for one, as supervisors expect.
  const connection = await untilServerAnswers(() =>
    NativeConnection.connect(connectionOptions),
  );
  try {
    const worker = await Worker.create({
      connection,
      namespace,
      taskQueue: TASK_QUEUE,
      // Workflow code runs in a deterministic sandbox that the Worker
      // bundles from this file: it takes the path, not the functions.
      workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
      // Input this Worker cannot decode reaches the workflow as a value its
      // check refuses, instead of failing the workflow's task for ever.
      dataConverter: {
        payloadConverterPath: fileURLToPath(
          new URL('./payloads.ts', import.meta.url),
        ),
      },
      activities: createActivities({ failAtItem: failAtItemFromEnv() }),
    });
    // The process id is what the kill drill kills: `kill -9 <pid>`.
    console.log(
      `Worker polling task queue "${TASK_QUEUE}" (process ${process.pid}). ` +
        'Ctrl+C stops it.',
    );
    await worker.run();
  } finally {
    await connection.close();
  }
}
// @@@SNIPEND

runMain(usage, run);
