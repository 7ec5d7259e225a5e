import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { parseOptions, runMain } from './program';
import { TASK_QUEUE, WORKFLOW_ID } from './shared';
import { orderWorkflow } from './workflows';

const usage = `Usage: pnpm workflow [--help] [--verbose]
Starts an order whose activities time out.`;

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
    const handle = await client.workflow.start(orderWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: WORKFLOW_ID,
      args: ['teapot'],
      // Started again while it runs, the workflow is joined, not run twice.
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    console.log(`Started workflow ${handle.workflowId}`);
    console.log(`Result: ${await handle.result()}`);
  } catch (error) {
    if (!(error instanceof WorkflowFailedError)) throw error;
    // The chain: the workflow failed because an activity failed, because
    // of a timeout.
    const reasons: string[] = [];
    for (
      let cause: unknown = error.cause;
      cause instanceof Error;
      cause = cause.cause
    ) {
      reasons.push(cause.message);
    }
    console.log(`Workflow failed: ${reasons.join(' <- ')}`);
  } finally {
    await connection.close();
  }
}

runMain(usage, run);
