/**
 * Worker start-up: bundling the workflow code when the Worker starts (what the samples do) against
 * loading a bundle built beforehand with `bundleWorkflowCode`. Every repetition is a fresh process,
 * so webpack's in-process caches help neither side.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { repoRoot } from '../paths';
import type { SectionResult, TimingRow } from './results';
import { errorLine, firstLine, seconds, startBenchServer, stopProcess, track, type BenchContext } from './support';

const section = 'worker-startup';
const sampleSrc = path.join(repoRoot, 'samples', 'hello-retry', 'src');
const workflowsPath = path.join(sampleSrc, 'workflows.ts');
const activitiesPath = path.join(sampleSrc, 'activities.ts');
const child = fileURLToPath(new URL('./worker-startup-child.ts', import.meta.url));
const toolingDir = path.join(repoRoot, 'tooling');

interface Startup {
  /** Worker.create until the Worker runs, measured inside the process. */
  createSeconds: number;
  /** Process spawn until the Worker runs: Node.js, tsx, the SDK's imports and Worker.create. */
  processSeconds: number;
}

async function startOnce(address: string, bundlePath?: string): Promise<Startup> {
  const startedAt = performance.now();
  const args = ['--import', 'tsx', child, address, workflowsPath, activitiesPath, ...(bundlePath ? [bundlePath] : [])];
  // From the tooling folder, where `--import tsx` resolves.
  const program = track(spawn(process.execPath, args, { cwd: toolingDir, stdio: ['ignore', 'pipe', 'pipe'] }));
  const output: string[] = [];
  program.stderr.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
  const exited = once(program, 'exit');
  try {
    for await (const line of createInterface({ input: program.stdout })) {
      const ready = /^ready (.*)$/.exec(line);
      if (!ready) continue;
      const processSeconds = seconds(startedAt);
      const { createSeconds, state } = JSON.parse(ready[1]!) as { createSeconds: number; state: string };
      if (state !== 'RUNNING') throw new Error(`the Worker was ${state}, not RUNNING`);
      const [code] = (await exited) as [number | null];
      if (code !== 0) throw new Error(`the Worker process exited ${code} after start-up`);
      return { createSeconds, processSeconds };
    }
    throw new Error(`no Worker: ${errorLine(output.join(''))}`);
  } finally {
    await stopProcess(program, 'SIGKILL');
  }
}

export async function benchWorkerStartup(context: BenchContext): Promise<SectionResult> {
  if (!existsSync(workflowsPath) || !existsSync(activitiesPath)) {
    return {
      timings: [
        {
          section,
          name: 'Worker start-up',
          samples: [],
          notes: '',
          status: 'not available',
          reason: 'samples/hello-retry/src/workflows.ts or activities.ts is missing',
        },
      ],
    };
  }
  const reps = context.reps(3);
  const bundleStartedAt = performance.now();
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
  const bundleSeconds = seconds(bundleStartedAt);
  const bundlePath = path.join(context.scratch, 'hello-retry-workflow-bundle.js');
  writeFileSync(bundlePath, code);
  context.progress(
    `worker-startup: prebuilt bundle (${(code.length / 1024).toFixed(0)} KiB) in ${bundleSeconds.toFixed(2)} s`,
  );

  const server = await startBenchServer(context, 'worker-startup');
  const kinds = [
    { label: 'bundling workflows at start', bundle: undefined },
    { label: 'prebuilt workflow bundle', bundle: bundlePath },
  ];
  const results = kinds.map(() => ({
    create: [] as number[],
    process: [] as number[],
    error: undefined as string | undefined,
  }));
  try {
    // Alternate the two kinds, so a change in the machine's load affects both alike.
    for (let rep = 1; rep <= reps; rep++) {
      for (const [index, kind] of kinds.entries()) {
        const result = results[index]!;
        if (result.error) continue;
        try {
          const startup = await startOnce(server.address, kind.bundle);
          result.create.push(startup.createSeconds);
          result.process.push(startup.processSeconds);
          context.progress(
            `worker-startup, ${kind.label}: ${rep}/${reps} Worker.create ${startup.createSeconds.toFixed(2)} s, ` +
              `process ${startup.processSeconds.toFixed(2)} s`,
          );
        } catch (error) {
          result.error = firstLine(error);
          context.progress(`worker-startup, ${kind.label}: failed: ${result.error}`);
        }
      }
    }
  } finally {
    await server.stop();
  }

  const timings: TimingRow[] = [];
  for (const [index, kind] of kinds.entries()) {
    const result = results[index]!;
    const status = result.error ? ('failed' as const) : ('ok' as const);
    const reason = result.error ? { reason: result.error } : {};
    timings.push(
      {
        section,
        name: `Worker.create, ${kind.label}`,
        samples: result.create,
        notes: 'hello-retry workflows; until the Worker polls; a fresh process each time',
        status,
        ...reason,
      },
      {
        section,
        name: `Worker process start to polling, ${kind.label}`,
        samples: result.process,
        notes: 'spawn of node --import tsx to the Worker polling (imports included)',
        status,
        ...reason,
      },
    );
  }
  timings.push({
    section,
    name: 'bundleWorkflowCode once (the build step)',
    samples: [bundleSeconds],
    notes: `in the bench process, the first bundle there; ${(code.length / 1024).toFixed(0)} KiB`,
    status: 'ok',
  });
  return { timings };
}
