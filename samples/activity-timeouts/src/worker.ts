import { fileURLToPath } from 'node:url';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
} from '@temporalio/worker';
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

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
