/**
 * One Worker start-up, in a fresh Node.js process so that nothing bundled or imported by an earlier
 * repetition is reused: `node --import tsx worker-startup-child.ts <address> <workflows.ts> <activities.ts> [bundle.js]`.
 * With a bundle file the Worker loads that prebuilt workflow bundle; without, it bundles workflows.ts.
 * Prints one line: `ready {"createSeconds":…}` once the Worker polls, then shuts it down.
 */
import { pathToFileURL } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';

const [address, workflowsPath, activitiesPath, bundlePath] = process.argv.slice(2);
if (!address || !workflowsPath || !activitiesPath) {
  throw new Error('Usage: worker-startup-child.ts <address> <workflows.ts> <activities.ts> [bundle.js]');
}

const activities = (await import(pathToFileURL(activitiesPath).href)) as Record<string, (...args: never[]) => unknown>;
const connection = await NativeConnection.connect({ address });
const startedAt = performance.now();
const worker = await Worker.create({
  connection,
  taskQueue: `bench-worker-startup-${process.pid}`,
  activities,
  ...(bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath }),
});
const running = worker.run();
const createSeconds = (performance.now() - startedAt) / 1000;
console.log(`ready ${JSON.stringify({ createSeconds, state: worker.getState() })}`);
worker.shutdown();
await running;
await connection.close();
