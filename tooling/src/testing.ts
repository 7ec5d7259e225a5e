/**
 * Test helpers for the repository's own tests (the exercises, drills, copy-out and cluster runs):
 * Temporal servers started on free ports from the binaries this machine has (never the user's
 * server on 7233). The samples' tests have their own, in each sample's test/helpers.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment, type DevServerConfig } from '@temporalio/testing';
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

export { freePort, isRunning, startCommand, startRestartableDevServer, startSampleProcess } from './processes';
export type { RestartableDevServer, SampleProcess } from './processes';

/** A new empty folder for a test's files, removed at the end of the test run (see vitest-global-setup.js). */
export function scratchDir(name: string): string {
  return mkdtempSync(path.join(process.env.TEST_SCRATCH_ROOT ?? tmpdir(), `${name}-`));
}
