/**
 * Real processes for the failure drills in tests: a sample's Worker that a test can SIGKILL, and a
 * dev server with a database file that a test can stop and start again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { createInterface } from 'node:readline';
import { spawnDevServer, waitUntilServing } from './server';

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

export interface SampleProcess {
  readonly child: ChildProcess;
  /** Every line written to stdout and stderr so far. */
  readonly lines: string[];
  /** Resolves with the first line (already seen or still to come) that matches. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (null after a signal) once the process is gone and its output read. */
  readonly closed: Promise<number | null>;
  /** Sends the signal and resolves once the process is gone and its output read. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function watchLines(
  child: ChildProcess,
  name: string,
  signal: (signal: NodeJS.Signals) => void = (sent) => child.kill(sent),
): SampleProcess {
  const lines: string[] = [];
  // 'close', not 'exit': only then has every line of output been read.
  const closed = new Promise<number | null>((resolve) => child.once('close', (code: number | null) => resolve(code)));
  const waiters = new Set<{ pattern: RegExp; resolve: (line: string) => void }>();
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      for (const waiter of waiters) {
        if (waiter.pattern.test(line)) {
          waiters.delete(waiter);
          waiter.resolve(line);
        }
      }
    });
  }
  return {
    child,
    lines,
    closed,
    waitForLine(pattern, timeoutMs = 90_000) {
      const seen = lines.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const onExit = () => fail(`exited (code ${child.exitCode}, signal ${child.signalCode})`);
        const timer = setTimeout(() => fail(`no match within ${timeoutMs} ms`), timeoutMs);
        const waiter = {
          pattern,
          resolve: (line: string) => {
            clearTimeout(timer);
            child.off('close', onExit);
            resolve(line);
          },
        };
        function fail(why: string) {
          waiters.delete(waiter);
          clearTimeout(timer);
          child.off('close', onExit);
          reject(new Error(`${name}: ${why} before a line matched ${String(pattern)}. Output:\n${lines.join('\n')}`));
        }
        child.once('close', onExit);
        waiters.add(waiter);
      });
    },
    async kill(sent = 'SIGTERM') {
      if (!exited(child)) signal(sent);
      await closed;
    },
  };
}

/**
 * Runs a TypeScript file of a sample (e.g. `src/worker.ts`) as its own Node.js process, the way
 * `pnpm worker` does, with extra environment variables such as TEMPORAL_ADDRESS.
 */
export function startSampleProcess(
  sampleDir: string | URL,
  file: string,
  env: Record<string, string> = {},
  args: string[] = [],
): SampleProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: sampleDir instanceof URL ? sampleDir.pathname : sampleDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watchLines(child, file);
}

/**
 * Runs a command line as a learner types it in a terminal (`pnpm worker`, with env vars), in a
 * process group of its own: `kill()` signals the whole group, as Ctrl+C in a terminal does, so no
 * child (pnpm starts `node`) is left running. An argv array runs without a shell: then the child
 * itself is the process a learner or a supervisor started.
 */
export function startCommand(
  cwd: string | URL,
  command: string | string[],
  env: Record<string, string> = {},
): SampleProcess {
  const [file = 'sh', ...args] = typeof command === 'string' ? ['sh', '-c', command] : command;
  const child = spawn(file, args, {
    cwd: cwd instanceof URL ? cwd.pathname : cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  return watchLines(child, [file, ...args].join(' '), (sent) => {
    try {
      process.kill(-child.pid!, sent);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  });
}

/** Whether a process with this id is still running. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface RestartableDevServer {
  readonly address: string;
  /** Stops the server the way Ctrl+C does; its database file stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port and database file. */
  start(): Promise<void>;
}

/**
 * A `temporal server start-dev` on a free port with its own database file, so workflows survive
 * `stop()` and `start()` just as they survive a restart of `pnpm dev-server`.
 */
export async function startRestartableDevServer(dbFile: string): Promise<RestartableDevServer> {
  // A free port can be taken by another process (another test's server) before this one binds it.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDevServerOn(await freePort(), dbFile);
    } catch (error) {
      if (attempt === 3 || !String(error).includes('address already in use')) throw error;
    }
  }
}

async function startDevServerOn(port: number, dbFile: string): Promise<RestartableDevServer> {
  const address = `127.0.0.1:${port}`;
  let server: SampleProcess | undefined;
  const handle: RestartableDevServer = {
    address,
    async start() {
      if (server && !exited(server.child)) return;
      const child = spawnDevServer({
        port,
        dbFile,
        extraArgs: ['--headless', '--log-level', 'error'],
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server = watchLines(child, 'temporal server start-dev');
      if (!(await waitUntilServing(child, address, 30_000))) {
        await server.kill('SIGKILL');
        throw new Error(`The dev server did not start on ${address}:\n${server.lines.join('\n')}`);
      }
    },
    async stop() {
      await server?.kill('SIGINT');
    },
  };
  await handle.start();
  return handle;
}
