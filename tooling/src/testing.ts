/**
 * Test helpers: Temporal servers for the samples' tests, started on free ports from the binaries
 * this machine has (never the user's server on 7233).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment, type DevServerConfig } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  Runtime,
  Worker,
  type WorkerOptions,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { howToInstall, serverExecutable, ServerBinaryNotFoundError, type ServerProgram } from './binaries';

async function withInstallHint<T>(program: ServerProgram, create: () => Promise<T>): Promise<T> {
  const executable = serverExecutable(program);
  try {
    return await create();
  } catch (error) {
    if (executable.type !== 'cached-download') throw error;
    throw new ServerBinaryNotFoundError(
      `${howToInstall(program)}\n(The SDK's own download failed too: ${String(error)})`,
    );
  }
}

/** The time-skipping test server: timers and retry backoff complete without real waiting. */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return withInstallHint('test-server', () =>
    TestWorkflowEnvironment.createTimeSkipping({ server: { executable: serverExecutable('test-server') } }),
  );
}

/** A real dev server (`temporal server start-dev`) on a free port, in real time. */
export function createDevServerEnv(
  server: Omit<DevServerConfig, 'type' | 'executable'> = {},
): Promise<TestWorkflowEnvironment> {
  return withInstallHint('cli', () =>
    TestWorkflowEnvironment.createLocal({ server: { ...server, executable: serverExecutable('cli') } }),
  );
}

/**
 * Bundles workflow code once per test run for all the Workers of a package's test files (each test
 * file runs in its own process, and a bundle costs 1-3 s of CPU there). The bundle is kept in the
 * run's scratch folder, under a hash of the package's src/ and test/ code, so an edit (in watch
 * mode) bundles again. The bundler's report goes to the runtime's logger, so a passing test file
 * prints nothing.
 */
export async function bundleWorkflows(workflowsFile: URL): Promise<WorkflowBundleWithSourceMap> {
  const workflowsPath = fileURLToPath(workflowsFile);
  const bundle = () => bundleWorkflowCode({ workflowsPath, logger: Runtime.instance().logger });
  const scratchRoot = process.env.TEST_SCRATCH_ROOT;
  if (!scratchRoot) return bundle();
  const cacheDir = path.join(scratchRoot, 'workflow-bundles');
  const cached = path.join(cacheDir, `${sourceHash(workflowsPath)}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as WorkflowBundleWithSourceMap;
  const fresh = await bundle();
  mkdirSync(cacheDir, { recursive: true });
  // Written whole, then renamed: a test file running at the same time reads all of it or none.
  const partial = `${cached}.${process.pid}`;
  writeFileSync(partial, JSON.stringify(fresh));
  renameSync(partial, cached);
  return fresh;
}

/** A hash of the workflow file's path and of every source file of its package's src/ and test/. */
function sourceHash(workflowsPath: string): string {
  let packageDir = path.dirname(workflowsPath);
  while (!existsSync(path.join(packageDir, 'package.json')) && path.dirname(packageDir) !== packageDir)
    packageDir = path.dirname(packageDir);
  const hash = createHash('sha256').update(workflowsPath);
  for (const folder of ['src', 'test']) {
    const dir = path.join(packageDir, folder);
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.[cm]?[jt]sx?$|\.json$/.test(file) && !file.includes('fixtures'))
      .sort();
    for (const file of files) hash.update(`\0${folder}/${file}\0`).update(readFileSync(path.join(dir, file)));
  }
  return hash.digest('hex').slice(0, 32);
}

/**
 * Worker.create for a Worker in the test's own process. Its workflows run in the same sandbox as in
 * any Worker, but on this thread (the SDK's debugMode) rather than in a worker thread of their own:
 * starting that thread and loading the bundle into it costs about 0.4 s of CPU per Worker, and the
 * tests create dozens. debugMode also lifts the 5 s limit on one workflow activation, so a workflow
 * stuck in a loop fails at the test's timeout instead. The samples' own Worker programs, which the
 * tests that need a real process run, keep the SDK's defaults.
 */
export function createWorker(options: WorkerOptions): Promise<Worker> {
  return Worker.create({ ...options, debugMode: true });
}

export { freePort, isRunning, startCommand, startRestartableDevServer, startSampleProcess } from './processes';
export type { RestartableDevServer, SampleProcess } from './processes';

/** A new empty folder for a test's files, removed at the end of the test run (see vitest-global-setup.js). */
export function scratchDir(name: string): string {
  return mkdtempSync(path.join(process.env.TEST_SCRATCH_ROOT ?? tmpdir(), `${name}-`));
}

/** A workflow history saved as JSON (by `record-history` or `temporal workflow show -o json`). */
export function loadHistory(file: URL | string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** One activity in a recorded history: the attempt that closed it and how. */
export interface RecordedActivity {
  activity: string;
  attempt: number;
  outcome: 'completed' | 'failed' | 'timed out' | 'cancelled' | 'pending';
}

interface HistoryEventJson {
  eventId: string;
  activityTaskScheduledEventAttributes?: { activityType: { name: string } };
  activityTaskStartedEventAttributes?: { scheduledEventId: string; attempt: number };
  activityTaskCompletedEventAttributes?: { scheduledEventId: string };
  activityTaskFailedEventAttributes?: { scheduledEventId: string };
  activityTaskTimedOutEventAttributes?: { scheduledEventId: string };
  activityTaskCanceledEventAttributes?: { scheduledEventId: string };
}

/**
 * The activities of a history saved as JSON, in the order they were scheduled, so a test can check
 * that a fixture records the path it claims to (e.g. withdraw, a failed deposit, then the refund).
 */
export function recordedActivities(history: unknown): RecordedActivity[] {
  const activities = new Map<string, RecordedActivity>();
  const closings = [
    ['activityTaskCompletedEventAttributes', 'completed'],
    ['activityTaskFailedEventAttributes', 'failed'],
    ['activityTaskTimedOutEventAttributes', 'timed out'],
    ['activityTaskCanceledEventAttributes', 'cancelled'],
  ] as const;
  for (const event of (history as { events: HistoryEventJson[] }).events) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled)
      activities.set(event.eventId, { activity: scheduled.activityType.name, attempt: 0, outcome: 'pending' });
    const started = event.activityTaskStartedEventAttributes;
    const startedActivity = started && activities.get(started.scheduledEventId);
    if (startedActivity) startedActivity.attempt = started.attempt;
    for (const [key, outcome] of closings) {
      const closed = event[key] && activities.get(event[key].scheduledEventId);
      if (closed) closed.outcome = outcome;
    }
  }
  return [...activities.values()];
}
