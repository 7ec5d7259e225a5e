/**
 * Real output for the pages: runs each sample's Worker and starter against a fresh dev server,
 * and stores what each printed in `samples/<sample>/output/`, next to the runs it was made from
 * (`output/runs.json`). `sample-output check` runs them again and fails on any difference, so the
 * output a page shows is what the current code prints. The command is src/sample-output.ts.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './paths';
import { startRestartableDevServer, startSampleProcess } from './processes';

export interface SampleRun {
  /** Names the output files: `<name>.worker.txt` and `<name>.client.txt`. */
  name: string;
  args?: string[];
  env?: Record<string, string>;
  /** The starter program, when it is not src/client.ts. */
  starter?: string;
}

export interface CapturedOutput {
  /** Repository-relative path of the file, e.g. samples/hello-retry/output/start.client.txt. */
  file: string;
  text: string;
}

const samplesDir = path.join(repoRoot, 'samples');

/** What changes from run to run and means nothing to a reader: random ids, process ids. */
export function normalize(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/\(process \d+\)/g, '(process <pid>)')
    .trimEnd()
    .concat('\n');
}

export function samplesWithOutput(): string[] {
  return readdirSync(samplesDir)
    .filter((sample) => existsSync(path.join(samplesDir, sample, 'output', 'runs.json')))
    .sort();
}

function runsOf(sample: string): SampleRun[] {
  return JSON.parse(readFileSync(path.join(samplesDir, sample, 'output', 'runs.json'), 'utf8')) as SampleRun[];
}

/** Runs every recorded run of the samples given and returns what their programs printed. */
export async function captureOutputs(samples: string[] = samplesWithOutput()): Promise<CapturedOutput[]> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'sample-output-'));
  const server = await startRestartableDevServer(path.join(scratch, 'temporal.sqlite'));
  const outputs: CapturedOutput[] = [];
  try {
    for (const sample of samples) {
      const sampleDir = path.join(samplesDir, sample);
      for (const run of runsOf(sample)) {
        const env = {
          TEMPORAL_ADDRESS: server.address,
          BANK_FILE: path.join(scratch, `${sample}-${run.name}-bank.sqlite`),
          ...run.env,
        };
        const worker = startSampleProcess(sampleDir, 'src/worker.ts', env);
        try {
          await worker.waitForLine(/Worker polling/);
          const client = startSampleProcess(sampleDir, run.starter ?? 'src/client.ts', env, run.args ?? []);
          await client.closed;
          // A graceful stop lets the Worker finish writing its last lines.
          await worker.kill('SIGINT');
          const output = (program: string, lines: string[]) => ({
            file: `samples/${sample}/output/${run.name}.${program}.txt`,
            text: normalize(lines.join('\n')),
          });
          outputs.push(output('worker', worker.lines), output('client', client.lines));
        } finally {
          await worker.kill('SIGKILL');
        }
      }
    }
  } finally {
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  return outputs;
}

/** The differences between the stored output and a new run's, as readable text; empty when equal. */
export function outputDifferences(outputs: CapturedOutput[]): string[] {
  return outputs.flatMap(({ file, text }) => {
    const stored = path.join(repoRoot, file);
    if (!existsSync(stored)) return [`${file}: not captured yet (run \`pnpm sample-output capture\`)`];
    const expected = readFileSync(stored, 'utf8');
    if (expected === text) return [];
    const before = expected.split('\n');
    const after = text.split('\n');
    const lines = Array.from({ length: Math.max(before.length, after.length) }, (_, index) =>
      before[index] === after[index] ? `  ${before[index]}` : `- ${before[index] ?? ''}\n+ ${after[index] ?? ''}`,
    );
    return [`${file} differs from a new run (- stored, + now):\n${lines.join('\n')}`];
  });
}
