import { fileURLToPath } from 'node:url';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
} from '@temporalio/worker';
import { connectTo, runProgram } from './cli';
import { createActivities } from './activities';
import { TASK_QUEUE } from './shared';

// @@@SNIPSTART money-transfer-worker
async function run(): Promise<void> {
  // One line per entry: the sample's own logs and the SDK's warnings.
  // The Web UI has the details.
  Runtime.install({
    logger: new DefaultLogger('INFO', ({ level, message, meta }) => {
      const fromSampleCode =
        meta?.sdkComponent === 'activity' || meta?.sdkComponent === 'workflow';
      if (!fromSampleCode && level !== 'WARN' && level !== 'ERROR') return;
      // Which attempt of an activity this is: what a retry drill is about.
      const attempt = meta?.activityType ? ` (attempt ${meta.attempt})` : '';
      const reason =
        meta?.error instanceof Error ? `: ${meta.error.message}` : '';
      console.log(
        `${level} [${String(meta?.sdkComponent)}] ` +
          `${message}${attempt}${reason}`,
      );
    }),
  });
  // TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY or a config
  // profile choose the server; with none of them set, this is
  // localhost:7233 and the "default" namespace.
  const { connection, namespace } = await connectTo((options) =>
    NativeConnection.connect(options),
  );
  try {
    const worker = await Worker.create({
      connection,
      namespace,
      taskQueue: TASK_QUEUE,
      // Workflow code is bundled into a deterministic sandbox, so the
      // Worker takes the file's path, not its functions.
      workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
      activities: createActivities(), // BANK_FILE, or .bank/bank.sqlite
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

runProgram('Usage: pnpm worker', async () => {
  await run();
  return 0;
});
