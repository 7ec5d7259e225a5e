import { fileURLToPath } from 'node:url';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
} from '@temporalio/worker';
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
  const config = loadClientConnectConfig();
  const address = config.connectionOptions.address ?? 'localhost:7233';
  const connection = await NativeConnection.connect(
    config.connectionOptions,
  ).catch((error: unknown) => {
    throw new Error(
      `No Temporal server at ${address}. Start one with \`pnpm dev-server\`.`,
      { cause: error },
    );
  });
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.namespace ?? 'default',
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

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
