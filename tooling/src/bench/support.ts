/** What the measurements share: progress on stderr, a dev server of their own, processes and their CPU time. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { freeClusterPorts, startCluster, type TemporalCluster } from '../cluster';
import { serverStateDir } from '../paths';
import { freePort } from '../processes';
import { spawnDevServer, waitUntilServing } from '../server';

export interface BenchContext {
  /** Repetitions for a measurement: `--reps` when given, else the measurement's default. */
  reps(defaultReps: number): number;
  /** A progress line on stderr, prefixed with the time spent so far and the budget. */
  progress(message: string): void;
  /** A temporary folder for this run's databases, bank files and logs. */
  scratch: string;
  transfers: number;
  concurrency: number;
  /** money-transfer: one run with each of these numbers of Worker processes. */
  workerCounts: number[];
  /** Where the bench's dev servers keep their database: a file, as `pnpm dev-server` does, or memory. */
  serverDb: 'file' | 'memory';
}

const running = new Map<ChildProcess, { group: boolean }>();
const clusters = new Set<TemporalCluster>();

/**
 * Remembers a process the bench started, so that stopRunning() can stop it when the bench itself is
 * stopped; `group` for one started `detached`, whose whole process group gets the signal.
 */
export function track<T extends ChildProcess>(child: T, group = false): T {
  running.set(child, { group });
  child.once('exit', () => running.delete(child));
  return child;
}

/** Sends SIGINT, as Ctrl+C would, to every process the bench started and that is still there. */
export function stopRunning(): void {
  for (const cluster of clusters) {
    for (const pid of Object.values(cluster.pids())) {
      try {
        if (pid) process.kill(pid, 'SIGINT');
      } catch {
        // Already gone.
      }
    }
  }
  for (const [child, { group }] of running) {
    try {
      if (group && child.pid) process.kill(-child.pid, 'SIGINT');
      else child.kill('SIGINT');
    } catch {
      // Already gone.
    }
  }
}

export function seconds(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

let clockTicks: number | undefined;

/** User + system CPU seconds a process has used so far (Linux /proc), or undefined elsewhere. */
export function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    const ticks = Number(fields[11]) + Number(fields[12]);
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return ticks / clockTicks;
  } catch {
    return undefined;
  }
}

/** CPU seconds of a process and of the children it has now (PostgreSQL's backends), on Linux. */
export function cpuSecondsOfTree(pid: number | undefined): number | undefined {
  const own = cpuSecondsOf(pid);
  if (own === undefined) return undefined;
  let children = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The parent's id is the second field after the command name.
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid)
        children += cpuSecondsOf(Number(entry)) ?? 0;
    } catch {
      // Gone meanwhile.
    }
  }
  return own + children;
}

export interface BenchServer {
  address: string;
  /** The server's processes by name: one for a dev server, one per node and PostgreSQL for a cluster. */
  pids(): Record<string, number | undefined>;
  stop(): Promise<void>;
}

/**
 * `temporal server start-dev` on free ports with a database file in the scratch folder, as
 * `pnpm dev-server` runs it but never on 7233/8233, where someone else's server may be.
 */
export async function startBenchServer(context: BenchContext, name: string): Promise<BenchServer> {
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const log = createWriteStream(path.join(context.scratch, `${name}-server.log`));
  const child = track(
    spawnDevServer({
      port,
      uiPort: await freePort(),
      // SQLite takes ":memory:" for a database that lives only in the process.
      dbFile: context.serverDb === 'memory' ? ':memory:' : path.join(context.scratch, `${name}.sqlite`),
      extraArgs: ['--headless', '--log-level', 'warn'],
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const stop = async () => {
    await stopProcess(child, 'SIGINT');
    log.end();
  };
  if (!(await waitUntilServing(child, address, 30_000))) {
    await stop();
    throw new Error(`The dev server did not start on ${address}; see ${log.path as string}`);
  }
  return { address, pids: () => ({ 'dev server': child.pid }), stop };
}

/**
 * The `pnpm cluster` service (five server processes and PostgreSQL) on free ports, in a new folder
 * under .temporal/ (where, on a machine run as root, PostgreSQL's own user can reach its data).
 */
export async function startBenchCluster(context: BenchContext, name: string): Promise<BenchServer> {
  const dir = path.join(serverStateDir, 'bench-cluster', name);
  rmSync(dir, { recursive: true, force: true });
  const cluster = await startCluster({ dir, ports: await freeClusterPorts(), log: (line) => context.progress(line) });
  clusters.add(cluster);
  return {
    address: cluster.address,
    pids: () => cluster.pids(),
    async stop() {
      await cluster.stop();
      clusters.delete(cluster);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stops a child process with a signal, and with SIGKILL if it is still there after the grace period. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = once(child, 'exit');
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

export interface CommandRun {
  seconds: number;
  exitCode: number;
  /** Everything the command printed (stdout and stderr, interleaved). */
  output: string;
}

/** Runs a command to its end, timing it from spawn to exit and keeping its output in a log file too. */
export async function timeCommand(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; logFile: string; timeoutMs: number },
): Promise<CommandRun> {
  const log = createWriteStream(options.logFile);
  const chunks: Buffer[] = [];
  const startedAt = performance.now();
  const child = track(
    spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout can stop everything it started.
      detached: true,
    }),
    true,
  );
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      log.write(chunk);
    });
  }
  const timer = setTimeout(() => {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  }, options.timeoutMs);
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  const elapsed = seconds(startedAt);
  clearTimeout(timer);
  log.end();
  const output = Buffer.concat(chunks).toString('utf8');
  if (signal === 'SIGKILL') throw new Error(`${command} ${args.join(' ')} took over ${options.timeoutMs / 1000} s`);
  return { seconds: elapsed, exitCode: code ?? 1, output };
}

/** The line of a program's output that names its error, or its last line. */
export function errorLine(output: string): string {
  const lines = output.trimEnd().split('\n');
  return lines.find((line) => /\b\w*Error\b/.test(line))?.trim() ?? lines.at(-1) ?? '';
}
