// What this sample's tests share (one master copy for all samples: .shared/
// in the repository): Temporal servers on free ports, workflow bundles made
// once, the sample's programs run as real processes. Public packages only.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DevServerConfig } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  DefaultLogger,
  Runtime,
  Worker,
} from '@temporalio/worker';
import type { WorkerOptions, WorkflowBundle } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';

export const sampleDir = fileURLToPath(new URL('..', import.meta.url));

// The SDK's warnings through console, which vitest shows for a failed test only.
Runtime.install({
  logger: new DefaultLogger('WARN', ({ level, message }) =>
    console.warn(`[${level}] ${message}`),
  ),
});

/** The env var's path, else the command on PATH, else the SDK's download. */
function server(envVar: string, command: string) {
  const name = process.platform === 'win32' ? `${command}.exe` : command;
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((dir) => path.join(dir, name))
    .find((file) => existsSync(file));
  const found = process.env[envVar] ?? onPath;
  return found
    ? { type: 'existing-path' as const, path: found }
    : { type: 'cached-download' as const };
}

/** The time-skipping test server: timers and retry backoff take no time. */
export const timeSkippingServer = () =>
  TestWorkflowEnvironment.createTimeSkipping({
    server: {
      executable: server('TEMPORAL_TEST_SERVER_PATH', 'temporal-test-server'),
    },
  });

/** A real dev server (`temporal server start-dev`) in real time. */
export const devServer = (config: Omit<DevServerConfig, 'type'> = {}) =>
  TestWorkflowEnvironment.createLocal({
    server: { ...config, executable: server('TEMPORAL_CLI_PATH', 'temporal') },
  });

/**
 * A workflow file bundled once for every test file (a bundle costs 1-3 s),
 * kept under node_modules/.cache by a hash of package.json, src/ and test/.
 */
export async function bundle(file: URL): Promise<WorkflowBundle> {
  const hash = createHash('sha256').update(file.href);
  const sources = ['src', 'test'].flatMap((dir) =>
    readdirSync(path.join(sampleDir, dir), { recursive: true })
      .map((name) => path.join(dir, String(name)))
      .filter((name) => /\.ts$/.test(name)),
  );
  for (const name of ['package.json', ...sources.sort()])
    hash.update(name).update(readFileSync(path.join(sampleDir, name)));
  const cache = path.join(sampleDir, 'node_modules', '.cache', 'workflows');
  const cached = path.join(cache, `${hash.digest('hex').slice(0, 24)}.json`);
  if (existsSync(cached))
    return JSON.parse(readFileSync(cached, 'utf8')) as WorkflowBundle;
  const fresh = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(file),
    logger: Runtime.instance().logger,
  });
  mkdirSync(cache, { recursive: true });
  // Written whole, then renamed: a test file beside it reads all or nothing.
  writeFileSync(`${cached}.${process.pid}`, JSON.stringify(fresh));
  renameSync(`${cached}.${process.pid}`, cached);
  return fresh;
}

/**
 * A Worker in the test's process, its workflows on this thread (debugMode:
 * no worker thread to start, ~0.4 s of CPU saved per Worker).
 */
export const testWorker = (options: WorkerOptions) =>
  Worker.create({ ...options, debugMode: true });

/** One of the sample's programs (e.g. src/worker.ts) as a real process. */
export function startProgram(
  file: string,
  args: string[] = [],
  env: Record<string, string> = {},
) {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: sampleDir,
    env: { ...process.env, ...env },
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on('line', (line) => lines.push(line));
  // 'close', not 'exit': only then has all of the output been read.
  const closed = new Promise<number | null>((resolve) =>
    child.once('close', resolve),
  );
  /** The first line that matches, within the deadline. */
  async function waitForLine(pattern: RegExp, timeoutMs = 60_000) {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
      const line = lines.find((seen) => pattern.test(seen));
      if (line !== undefined) return line;
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(
      `${file}: no line matched ${pattern}:\n${lines.join('\n')}`,
    );
  }
  /** Sends the signal; resolves with the exit code once the output is read. */
  async function stop(signal: NodeJS.Signals = 'SIGINT') {
    if (child.exitCode === null && child.signalCode === null)
      child.kill(signal);
    return await closed;
  }
  return { child, lines, closed, waitForLine, stop };
}

/**
 * What src/program.ts promises each program, checked on real processes: a
 * wrong argument is one line and the usage, exit 2, before connecting (with
 * no server there, a connection would have failed with exit 1); no server at
 * the address is one line naming it, exit 1, for a starter, and for the
 * Worker a line per try until Ctrl+C or SIGTERM, exit 0. Side by side: they
 * mostly wait.
 */
export function testProgramEdges(programs: string[]): void {
  // Nothing listens on port 1: a server that is not there.
  const noServer = { TEMPORAL_ADDRESS: '127.0.0.1:1' };
  const starters = programs.filter((file) => file !== 'src/worker.ts');
  describe.concurrent('the edges every program shares (src/program.ts)', () => {
    it.each(programs)('%s: a wrong argument: usage, exit 2', async (file) => {
      const program = startProgram(file, ['--bogus'], noServer);
      expect(await program.closed).toBe(2);
      expect(program.lines.slice(0, 2)).toEqual([
        expect.stringMatching(/^Nothing was started: Unknown option '--bogus'/),
        expect.stringMatching(/^Usage: pnpm /),
      ]);
    });
    it.each(starters)('%s: no server: one line, exit 1', async (file) => {
      const program = startProgram(file, [], noServer);
      expect(await program.closed).toBe(1);
      expect(program.lines).toEqual([
        'No Temporal server answered at 127.0.0.1:1: start one with ' +
          '`temporal server start-dev`, or set TEMPORAL_ADDRESS.',
      ]);
    });
    it.each(['SIGINT', 'SIGTERM'] as const)(
      'src/worker.ts: no server: a line per try until %s, exit 0',
      async (signal) => {
        const worker = startProgram('src/worker.ts', [], noServer);
        await worker.waitForLine(/trying again in 2 s/);
        expect(await worker.stop(signal)).toBe(0);
        expect(worker.lines.slice(0, 2)).toEqual([
          'No Temporal server answered at 127.0.0.1:1; trying again in 1 s ' +
            '(Ctrl+C stops).',
          'No Temporal server answered at 127.0.0.1:1; trying again in 2 s ' +
            '(Ctrl+C stops).',
        ]);
        // Nothing else, however many tries a slow machine saw.
        for (const line of worker.lines)
          expect(line).toMatch(/^No Temporal server answered at .*in \d+ s /);
      },
    );
  });
}
