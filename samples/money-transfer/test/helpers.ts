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
import { WorkflowFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DevServerConfig } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  DefaultLogger,
  Runtime,
  Worker,
} from '@temporalio/worker';
import type { WorkerOptions, WorkflowBundle } from '@temporalio/worker';
import type { Payload } from '@temporalio/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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
    // The converter src/worker.ts gives its Worker: a payload it cannot read
    // reaches the workflow as a value that its input check refuses.
    payloadConverterPath: path.join(sampleDir, 'src', 'payloads.ts'),
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
 * no worker thread to start, ~0.4 s of CPU saved per Worker). Its workflows
 * read their input with src/payloads.ts (bundled in); its activities, whose
 * input the workflows made, with the default converter (vitest's process
 * cannot require a .ts file).
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

const utf8 = (text: string) => new TextEncoder().encode(text);

/** A payload as any client may send it: an encoding and its bytes. */
const rawPayload = (encoding: string, data: string | Uint8Array) => ({
  metadata: { encoding: utf8(encoding) },
  data: typeof data === 'string' ? utf8(data) : data,
});
export const jsonPayload = (text: string) => rawPayload('json/plain', text);

/** Within a payload's 2 MB limit, far beyond any sane input. */
const HUGE = 1_500_000;
export const hugeString = 'x'.repeat(HUGE);

/**
 * Inputs a TypeScript client would never send, each with how the refusal
 * must show it: three the SDK's own converter cannot read, then values of
 * the wrong kind (testHostileInputs).
 */
const hostileInputs: [string, Payload, RegExp][] = [
  [
    'an unknown encoding',
    rawPayload('binary/unknown', 'hello'),
    /unreadable input \(.*Unknown encoding: binary\/unknown/,
  ],
  ['text that is not JSON', jsonPayload('{not json'), /unreadable input/],
  ['NaN, as Python writes it', jsonPayload('NaN'), /unreadable input/],
  [
    '1.5 MB of binary',
    rawPayload('binary/plain', new Uint8Array(HUGE)),
    /1500000 bytes of binary/,
  ],
  [
    'a 1.5 MB string',
    jsonPayload(JSON.stringify(hugeString)),
    /"x+\.\.\. \(1500000 characters\)/,
  ],
  ['an array', jsonPayload('[1,2]'), /\[1,2\]/],
  ['null', jsonPayload('null'), /null/],
];

/** The events of a workflow that fails in its first task: no retries. */
const FAILED_AT_ONCE = [
  'workflowExecutionStarted',
  'workflowTaskScheduled',
  'workflowTaskStarted',
  'workflowTaskCompleted',
  'workflowExecutionFailed',
];

/**
 * A dev server and a Worker for the test file, with the sample's workflows
 * and the activities given. Returns a start as another SDK or a script would
 * make it: raw payloads over gRPC. The start waits (30 s at most) for the
 * workflow to end and resolves with its failure, if it failed, and its
 * history's event types.
 */
export function rawStarts(activities: object) {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = 'raw-starts';
  beforeAll(async () => {
    env = await devServer();
    worker = await testWorker({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await bundle(
        new URL('../src/workflows.ts', import.meta.url),
      ),
      activities,
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });
  return async (workflowType: string, payloads: Payload[]) => {
    const { client } = env;
    const workflowId = `raw-${crypto.randomUUID()}`;
    await client.workflowService.startWorkflowExecution({
      namespace: client.options.namespace,
      workflowId,
      workflowType: { name: workflowType },
      taskQueue: { name: taskQueue },
      input: { payloads },
      requestId: crypto.randomUUID(),
    });
    const handle = client.workflow.getHandle(workflowId);
    const ended = handle.result().then(
      () => undefined,
      (error: unknown) => error,
    );
    let timer: NodeJS.Timeout | undefined;
    const stillRunning = new Promise<'running'>((resolve) => {
      timer = setTimeout(resolve, 30_000, 'running');
    });
    const outcome = await Promise.race([ended, stillRunning]);
    clearTimeout(timer);
    const events = ((await handle.fetchHistory()).events ?? []).map((event) =>
      Object.keys(event)
        .find((key) => key.endsWith('EventAttributes'))
        ?.replace(/EventAttributes$/, ''),
    );
    if (outcome === 'running')
      throw new Error(
        `${workflowId} still running after 30 s: ${events.join()}`,
      );
    const failure =
      outcome instanceof WorkflowFailedError ? outcome.cause : outcome;
    return { failure, events };
  };
}

/**
 * Refused for good in the workflow's first task: the failure's type, what it
 * says (a short message, however large the input), no activity scheduled
 * and no workflow task failed.
 */
export function expectRefused(
  run: Awaited<ReturnType<ReturnType<typeof rawStarts>>>,
  type: string,
  ...says: RegExp[]
) {
  expect(run.failure).toMatchObject({ type, nonRetryable: true });
  const { message } = run.failure as Error;
  for (const pattern of says) expect(message).toMatch(pattern);
  expect(message.length).toBeLessThan(400);
  expect(run.events).toEqual(FAILED_AT_ONCE);
}

/**
 * The workflow, started raw with each of the inputs above: each is refused at
 * once, with the failure type, naming the field (`field`) and showing the
 * input briefly. A sample's test adds the inputs only it can be sent.
 */
export function testHostileInputs(
  start: ReturnType<typeof rawStarts>,
  workflowType: string,
  type: string,
  field: RegExp,
) {
  describe.concurrent(`${workflowType}, started with raw payloads`, () => {
    it.each(hostileInputs)(
      '%s: refused at once, showing it briefly',
      async (_, payload, shown) => {
        const run = await start(workflowType, [payload]);
        expectRefused(run, type, field, shown);
      },
    );
  });
}
