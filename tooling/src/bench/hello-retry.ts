/**
 * hello-retry end to end, compared with its floor: the retry backoff the workflow must wait
 * (1 s + 2 s + 4 s before attempts 2, 3 and 4), which no Worker or server can shorten.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../paths';
import { startSampleProcess, type SampleProcess } from '../processes';
import { isReachable } from '../server';
import type { SectionResult, TimingRow } from './results';
import { median } from './stats';
import { firstLine, seconds, startBenchServer, track, type BenchContext } from './support';

const sampleDir = path.join(repoRoot, 'samples', 'hello-retry');
const runSample = path.join(repoRoot, 'tooling', 'src', 'run-sample.ts');
export const backoffFloorSeconds = 1 + 2 + 4;
const expectedResult = 'Result: Hello, World!';
const section = 'hello-retry';

function ratioNote(samples: number[]): string {
  if (samples.length === 0) return '';
  return `${(median(samples) / backoffFloorSeconds).toFixed(2)} × the ${backoffFloorSeconds} s backoff floor`;
}

const runTimeoutMs = 120_000;

/** Waits for a program's exit; fails unless it exited 0 and printed the greeting, or after the time limit. */
async function timedRun(program: SampleProcess, startedAt: number): Promise<number> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void program.kill('SIGKILL');
  }, runTimeoutMs);
  if (program.child.exitCode === null) await once(program.child, 'exit');
  clearTimeout(timer);
  const elapsed = seconds(startedAt);
  if (timedOut) throw new Error(`no result within ${runTimeoutMs / 1000} s`);
  const output = program.lines.join('\n');
  if (program.child.exitCode !== 0 || !output.includes(expectedResult)) {
    throw new Error(`exited ${program.child.exitCode} without "${expectedResult}": ${output.slice(-300)}`);
  }
  return elapsed;
}

/** `pnpm start` as run-sample runs it (node + tsx, stdin not a terminal), timed from spawn to exit. */
function startRunSample(env: NodeJS.ProcessEnv): { program: SampleProcess; startedAt: number } {
  const startedAt = performance.now();
  const child = track(
    spawn(process.execPath, ['--import', 'tsx', runSample], {
      cwd: sampleDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, as in a terminal; run-sample stops its Worker, starter and server on
      // SIGINT or SIGTERM.
      detached: true,
    }),
    true,
  );
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => lines.push(...chunk.split('\n')));
  }
  return {
    startedAt,
    program: {
      child,
      lines,
      closed: once(child, 'close').then(([code]) => code as number | null),
      waitForLine: () => Promise.reject(new Error('not used')),
      kill: async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const gone = once(child, 'exit');
        // Not SIGKILL: run-sample's children, in process groups of their own, would live on.
        child.kill('SIGTERM');
        await gone;
      },
    },
  };
}

async function repeat(
  context: BenchContext,
  name: string,
  reps: number,
  measure: (rep: number) => Promise<number>,
): Promise<{ samples: number[]; error?: string }> {
  const samples: number[] = [];
  for (let rep = 1; rep <= reps; rep++) {
    try {
      samples.push(await measure(rep));
      context.progress(`${name}: ${rep}/${reps} took ${samples.at(-1)!.toFixed(2)} s`);
    } catch (error) {
      context.progress(`${name}: ${rep}/${reps} failed: ${firstLine(error)}`);
      return { samples, error: firstLine(error) };
    }
  }
  return { samples };
}

function row(name: string, result: { samples: number[]; error?: string }, notes: string): TimingRow {
  return {
    section,
    name,
    samples: result.samples,
    notes: [ratioNote(result.samples), notes].filter(Boolean).join('; '),
    status: result.error ? 'failed' : 'ok',
    floorSeconds: backoffFloorSeconds,
    ...(result.error ? { reason: result.error } : {}),
  };
}

/** Everything that would point the sample at a server other than the default localhost:7233. */
function withoutConfiguredServer(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('TEMPORAL_')));
}

export async function benchHelloRetry(context: BenchContext): Promise<SectionResult> {
  if (!existsSync(path.join(sampleDir, 'src', 'client.ts'))) {
    const reason = 'samples/hello-retry/src/client.ts is missing';
    return {
      timings: [{ section, name: 'hello-retry end to end', samples: [], notes: '', status: 'not available', reason }],
    };
  }
  const timings: TimingRow[] = [];
  const server = await startBenchServer(context, 'hello-retry');
  const env = { TEMPORAL_ADDRESS: server.address };
  try {
    // 1. The starter alone, against a Worker that is already polling: the workflow's own latency.
    const worker = startSampleProcess(sampleDir, 'src/worker.ts', env);
    track(worker.child);
    try {
      await worker.waitForLine(/Worker polling/, 60_000);
      const name = 'hello-retry: starter to result, Worker already polling';
      // The workflow id is fixed and joins a running execution: one run after the other.
      const result = await repeat(context, name, context.reps(3), () => {
        const startedAt = performance.now();
        const client = startSampleProcess(sampleDir, 'src/client.ts', env);
        track(client.child);
        return timedRun(client, startedAt);
      });
      timings.push(row(name, result, 'starter process spawn to its exit, on a running dev server'));
    } finally {
      await worker.kill('SIGINT');
    }

    // 2. `pnpm start` on a running server: Worker start-up (bundling included) and starter together.
    const name = 'hello-retry: `pnpm start`, server already running';
    const result = await repeat(context, name, context.reps(3), () => {
      const run = startRunSample({ ...process.env, ...env });
      return timedRun(run.program, run.startedAt);
    });
    timings.push(
      row(name, result, 'run-sample with TEMPORAL_ADDRESS: Worker start (bundling) and starter in parallel'),
    );
  } finally {
    await server.stop();
  }

  // 3. `pnpm start` with nothing on localhost:7233: run-sample starts the dev server itself.
  const name = 'hello-retry: `pnpm start`, starting its own dev server';
  const busy = (await isReachable('localhost:7233', 500)) || (await isReachable('localhost:8233', 500));
  if (busy) {
    timings.push({ section, name, samples: [], notes: '', status: 'skipped', reason: 'port 7233 or 8233 in use' });
    return { timings };
  }
  const result = await repeat(context, name, context.reps(2), async () => {
    if (await isReachable('localhost:7233', 500)) throw new Error('port 7233 in use');
    const run = startRunSample(withoutConfiguredServer());
    const elapsed = await timedRun(run.program, run.startedAt);
    if (!run.program.lines.some((line) => line.includes('starting a local dev server'))) {
      throw new Error('run-sample found a server on 7233 and did not start its own');
    }
    return elapsed;
  });
  timings.push(
    row(
      name,
      result,
      'dev server start (database in .temporal/, as `pnpm start` does), Worker and starter; stopped at the end',
    ),
  );
  return { timings };
}
