import { Client, Connection } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { parseOptions, runMain, webUiLine } from './program';
import { TASK_QUEUE, WORKFLOW_ID } from './shared';
import { batchWorkflow } from './workflows';

const usage = `Usage: pnpm workflow [--help] [--verbose]
Starts a batch of 20 items and prints the items each attempt processed.`;

// @@@SNIPSTART heartbeat-resume-client
async function run(): Promise<void> {
  if (!parseOptions(usage, {})) return;
  const { connectionOptions, namespace = 'default' } =
    loadClientConnectConfig();
  const connection = await Connection.connect({
    ...connectionOptions,
    // No server: fail in seconds, not the default 10.
    connectTimeout: '5 seconds',
  });
  try {
    const client = new Client({ connection, namespace });
    const handle = await client.workflow.start(batchWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: WORKFLOW_ID,
      args: [{ itemCount: 20 }],
      // Started again while it runs, the batch is joined, not run twice.
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    console.log(
      `Started workflow ${handle.workflowId}; waiting for a Worker on ` +
        `task queue "${TASK_QUEUE}" to run it.`,
    );
    const attempts = await handle.result();
    const items = (attempts.at(-1)?.last ?? -1) + 1;
    console.log(
      `Result: ${items} items processed in ${attempts.length} attempt(s), ` +
        'as recorded by heartbeats:',
    );
    for (const { attempt, first, last } of attempts)
      console.log(`  attempt ${attempt}: items ${first} to ${last}`);
    console.log(webUiLine(namespace, handle.workflowId));
  } finally {
    await connection.close();
  }
}
// @@@SNIPEND

runMain(usage, run);
