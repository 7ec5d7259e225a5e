/**
 * Test helpers: Temporal servers for the samples' tests, started on free ports from the binaries
 * this machine has (never the user's server on 7233).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment, type DevServerConfig } from '@temporalio/testing';
import { bundleWorkflowCode, Runtime, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
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
 * Bundles workflow code once for all the Workers of a test file. The bundler's report goes to the
 * runtime's logger, so a passing test file prints nothing.
 */
export function bundleWorkflows(workflowsFile: URL): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: fileURLToPath(workflowsFile), logger: Runtime.instance().logger });
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
