import { fileURLToPath } from 'node:url';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
} from '@temporalio/worker';
import { connectTo, runProgram } from './cli';
import * as activities from './activities';
import { TASK_QUEUE } from './shared';

async function run(): Promise<void> {
  // One line per entry: the sample's own logs and the SDK's warnings.
  // The Web UI has the details.
  Runtime.install({
    // Abandoned attempts still run here until they end, and then the SDK
    // core warns that the server no longer knows them: expected in this
    // sample, so the core reports errors only.
    telemetryOptions: { logging: { filter: { core: 'ERROR' } } },
    logger: new DefaultLogger('INFO', ({ level, message, meta }) => {
      const fromSampleCode =
        meta?.sdkComponent === 'activity' || meta?.sdkComponent === 'workflow';
      if (!fromSampleCode && level !== 'WARN' && level !== 'ERROR') return;
      const reason =
        meta?.error instanceof Error ? `: ${meta.error.message}` : '';
      console.log(
        `${level} [${String(meta?.sdkComponent)}] ${message}${reason}`,
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
      activities,
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

runProgram('Usage: pnpm worker', async () => {
  await run();
  return 0;
});
