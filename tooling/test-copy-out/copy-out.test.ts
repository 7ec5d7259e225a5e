// `pnpm test:copy-out`: every sample copied out of the repository, as a learner copies one to start
// a project: into an empty folder, without node_modules, installed with npm from the registry.
// There its own tests pass, it type-checks, and its Worker and starter run on a dev server and
// print what the tutorial page shows. Any step that fails fails the test.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireServerBinary } from '../src/binaries';
import { normalize, type SampleRun } from '../src/output';
import { repoRoot } from '../src/paths';
import { startCommand, startRestartableDevServer, type RestartableDevServer } from '../src/processes';

const samples = readdirSync(path.join(repoRoot, 'samples')).filter((name) => !name.startsWith('.'));
// What the copy has instead of this repository's node_modules/.bin: the server programs on PATH.
const serversOnPath = [
  ...new Set([requireServerBinary('cli'), requireServerBinary('test-server')].map((file) => path.dirname(file))),
  process.env.PATH,
].join(path.delimiter);
const scratch = mkdtempSync(path.join(tmpdir(), 'copy-out-'));
const servers: RestartableDevServer[] = [];

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs a command line in the copy to its end; resolves with its exit code and output. */
async function run(cwd: string, command: string, env: Record<string, string> = {}, timeoutMs = 600_000) {
  const child = spawn('sh', ['-c', `${command} 2>&1`], { cwd, env: { ...process.env, PATH: serversOnPath, ...env } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  // 'close', not 'exit': the output is all read by then.
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearTimeout(timer);
  return { code, output };
}

/** The page's captured output of the starter's plain run, and the env it ran with, if recorded. */
function capturedStart(sample: string): { output: string; env: Record<string, string> } | undefined {
  const dir = path.join(repoRoot, 'samples', sample, 'output');
  if (!existsSync(path.join(dir, 'start.client.txt'))) return undefined;
  const runs = JSON.parse(readFileSync(path.join(dir, 'runs.json'), 'utf8')) as SampleRun[];
  // heartbeat-resume's start run sets HEARTBEAT_FAIL_AT_ITEM: the page shows attempt 2 resuming.
  const env = runs.find((run) => run.name === 'start')?.env ?? {};
  return { output: readFileSync(path.join(dir, 'start.client.txt'), 'utf8'), env };
}

// Two samples at a time (most of a run is npm and the servers waiting), the longest first:
// money-transfer's better-sqlite3 compiles from source here.
const longestFirst = [...samples].sort((a, b) => Number(b === 'money-transfer') - Number(a === 'money-transfer'));

describe.concurrent('every sample, copied out of the repository', () => {
  it.each(longestFirst)(
    '%s: installs with npm, passes its tests, type-checks, runs its Worker and starter',
    async (sample) => {
      const copy = path.join(scratch, sample);
      cpSync(path.join(repoRoot, 'samples', sample), copy, {
        recursive: true,
        filter: (source) => !/[\\/](node_modules|test-results|\.bank)$/.test(source),
      });
      const npmEnv = { CI: '', npm_config_update_notifier: 'false' };
      for (const command of ['npm install --no-fund --no-audit', 'npm test', 'npm run typecheck']) {
        const { code, output } = await run(copy, command, npmEnv);
        expect(code, `${command}:\n${output}`).toBe(0);
      }

      const server = await startRestartableDevServer(path.join(scratch, `${sample}.sqlite`));
      servers.push(server);
      const captured = capturedStart(sample);
      const env = { ...captured?.env, TEMPORAL_ADDRESS: server.address, PATH: serversOnPath };
      const worker = startCommand(copy, 'npm run worker', env);
      try {
        await worker.waitForLine(/^Worker polling task queue/, 120_000);
        const starter = await run(copy, 'npm run --silent workflow', env, 120_000);
        expect(starter.code, starter.output).toBe(0);
        if (captured) expect(normalize(starter.output)).toBe(captured.output);
      } finally {
        await worker.kill('SIGINT');
      }
    },
  );
});
