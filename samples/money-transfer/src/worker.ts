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

const usage = 'Usage: pnpm worker [--help] [--verbose]';
// One short line per log entry (program.ts), with an activity's attempt: what
// the failure drills are about. The Web UI has the details.
Runtime.install({
  logger: new DefaultLogger('INFO', (entry) => {
    const { activityType, attempt } = entry.meta ?? {};
    const message = `${entry.message} (attempt ${String(attempt)})`;
    logLine(activityType ? { ...entry, message } : entry);
  }),
});

// @@@SNIPSTART money-transfer-worker
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
      // The bank's file: BANK_FILE, or .bank/bank.sqlite in this folder.
      activities: createActivities(),
    });
    // The process id is what a failure drill kills: `kill -9 <pid>`.
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
