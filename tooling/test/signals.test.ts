/**
 * What a learner's Ctrl+C and a supervisor's SIGTERM do to the processes the pages start: `pnpm worker`,
 * `pnpm start` and `pnpm dev-server`, run as real commands. The signal goes where it goes in real life:
 * SIGINT to the whole foreground process group (a terminal's Ctrl+C), SIGTERM to the pnpm process
 * alone (a supervisor, `docker stop`). Everything under it must stop, with exit 0 and no red error.
 */
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/paths';
import { freePort, startCommand, startRestartableDevServer, type RestartableDevServer } from '../src/processes';

/** Every process below `root` now, by the parent ids in /proc. */
function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const stat = statOf(Number(entry));
    if (stat) parents.set(Number(entry), stat.ppid);
  }
  const found = [root];
  for (const pid of found) for (const [child, parent] of parents) if (parent === pid) found.push(child);
  return found.slice(1);
}

function statOf(pid: number): { state: string; ppid: number } | undefined {
  try {
    // "pid (command) state ppid ...": the command may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state = '', ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** Running, not gone and not a zombie waiting for its parent to read its exit. */
const alive = (pid: number) => (statOf(pid)?.state ?? 'Z') !== 'Z';

/** Those of `pids` still running when the deadline passes (at once, when none is left). */
async function stillRunning(pids: number[], deadlineMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + deadlineMs;
  while (pids.some(alive) && Date.now() < deadline) await sleep(100);
  const commandOf = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  return pids.filter(alive).map((pid) => `${pid}: ${commandOf(pid)}`);
}

describe.skipIf(process.platform !== 'linux')('Ctrl+C and SIGTERM stop everything under the command', () => {
  let server: RestartableDevServer;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'signals-'));
    server = await startRestartableDevServer(path.join(dir, 'dev-server.sqlite'));
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const commands = [
    { name: 'pnpm worker', cwd: 'samples/hello-activity', args: ['worker'], ready: /^Worker polling/ },
    // hello-retry's workflow waits 7 s for its retries: the signal arrives while it runs.
    { name: 'pnpm start', cwd: 'samples/hello-retry', args: ['start'], ready: /^Worker polling/ },
    { name: 'pnpm dev-server', cwd: '.', args: ['dev-server'], ready: /serving on localhost/ },
  ];
  const cases = commands.flatMap((command) =>
    (['SIGINT', 'SIGTERM'] as const).map((signal) => ({ ...command, signal })),
  );

  it.each(cases)('$name, $signal: exit 0, nothing left running, no error', async ({ cwd, args, ready, signal }) => {
    const env: Record<string, string> =
      args[0] === 'dev-server'
        ? {
            TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
            TEMPORAL_UI_PORT: String(await freePort()),
            TEMPORAL_DEV_SERVER_DB: path.join(dir, `${signal}.sqlite`),
          }
        : { TEMPORAL_ADDRESS: server.address };
    const run = startCommand(path.join(repoRoot, cwd), ['pnpm', ...args], env);
    let below: number[] = [];
    try {
      await run.waitForLine(ready);
      below = descendants(run.child.pid!);
      expect(below.length).toBeGreaterThan(0);
      const exit = once(run.child, 'exit').then(([code]) => code as number | null);
      // Ctrl+C in a terminal signals the foreground process group; a supervisor, the process it started.
      process.kill(signal === 'SIGINT' ? -run.child.pid! : run.child.pid!, signal);
      const code = await Promise.race([exit, sleep(60_000).then(() => 'still running')]);
      expect({ code, left: await stillRunning(below) }).toEqual({ code: 0, left: [] });
    } finally {
      // A process left behind would keep the output open and live on after the tests.
      for (const pid of [run.child.pid!, ...below]) if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    await run.closed;
    expect(run.lines.join('\n')).not.toMatch(/ELIFECYCLE|ERR_PNPM|Error/);
  });
});
