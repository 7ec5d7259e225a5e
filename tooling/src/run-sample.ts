/**
 * `pnpm start` in a sample folder: runs the sample's Worker (src/worker.ts) and starter
 * (src/client.ts) together, so one command shows the whole thing working.
 *
 * The connection comes from @temporalio/envconfig, as in the samples themselves. When the user
 * configured no address and nothing answers on localhost:7233, it starts a local dev server and
 * keeps it up afterwards (in a terminal) so the printed Web UI link still opens. Ctrl+C or SIGTERM
 * stops every process it started, and it exits 0. The Worker's workflow bundle is cached between
 * starts (workflow-bundle-cache.js).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { CommandError, runCommand, wantsHelp } from './cli';
import { defaultAddress, defaultUiPort, isReachable, spawnDevServer, waitUntilServing } from './server';

const configuredAddressTimeoutMs = 10_000;
const devServerStartTimeoutMs = 30_000;

const usage = `Usage: pnpm start [the starter's options]
  Runs the sample's Worker and its starter (src/client.ts) together, on the server that
  TEMPORAL_ADDRESS or a Temporal config profile names; with none, on localhost:7233, starting a
  local dev server when none answers there. The starter's options: pnpm workflow --help.`;

// Each child in a process group of its own, so that Ctrl+C in the terminal reaches only this process,
// which stops each child once (not on Windows, where a detached child gets a console window of its own).
const detached = process.platform !== 'win32';
const children = new Set<ChildProcess>();

function own(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

// The Worker's workflow bundle, cached between starts (see that file).
const bundleCache = new URL('./workflow-bundle-cache.js', import.meta.url).href;

function runTypeScript(file: string, args: string[] = [], preload: string[] = []): ChildProcess {
  const imports = ['tsx', ...preload].flatMap((module) => ['--import', module]);
  return own(spawn(process.execPath, [...imports, file, ...args], { stdio: 'inherit', detached }));
}

async function exitCodeOf(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null) return child.exitCode;
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  return code ?? (signal ? 1 : 0);
}

async function stop(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGINT'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  // Once: a second SIGINT would cut the Worker's graceful shutdown short.
  if (!child.killed || signal === 'SIGKILL') child.kill(signal);
  await once(child, 'exit');
}

// Ctrl+C or SIGTERM (from pnpm, or a supervisor): every child stopped gracefully, then a quiet exit 0,
// since being stopped is no failure; a second one kills what is still running.
let stopping: Promise<void> | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    const how = stopping ? 'SIGKILL' : 'SIGINT';
    stopping = Promise.all([...children].map((child) => stop(child, how))).then(() => process.exit(0));
  });
}

async function ensureServer(): Promise<ChildProcess | undefined> {
  const configured = loadClientConnectConfig().connectionOptions.address;
  if (configured) {
    if (await isReachable(configured, configuredAddressTimeoutMs)) return undefined;
    // Only a local address is one that `pnpm dev-server` can serve.
    const local = /^(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]):/.test(configured);
    throw new CommandError(
      `No Temporal server answered at ${configured} (from TEMPORAL_ADDRESS or your Temporal config profile) ` +
        `within ${configuredAddressTimeoutMs / 1000} s: ` +
        (local
          ? 'start one there with `pnpm dev-server` at the repository root, or unset TEMPORAL_ADDRESS.'
          : 'check the address and your network.'),
    );
  }
  if (await isReachable(defaultAddress, 1_000)) return undefined;

  console.log(
    `No Temporal server at ${defaultAddress}: starting a local dev server (Web UI http://localhost:${defaultUiPort}).`,
  );
  // Its logs would bury the sample's own output; its errors still show.
  const server = own(spawnDevServer({ stdio: ['ignore', 'ignore', 'inherit'], detached }));
  if (!(await waitUntilServing(server, defaultAddress, devServerStartTimeoutMs))) {
    await stop(server);
    throw new CommandError(`The dev server did not start serving on ${defaultAddress}; see its errors above.`);
  }
  return server;
}

async function keepServerForTheWebUi(server: ChildProcess): Promise<void> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) return;
  console.log(
    `\nThe dev server stays up so you can open the link above (http://localhost:${defaultUiPort}). ` +
      `Press Ctrl+C to stop it.`,
  );
  // Ctrl+C stops it (above).
  await once(server, 'exit');
}

async function main(): Promise<number> {
  if (wantsHelp(process.argv.slice(2))) {
    console.log(usage);
    return 0;
  }
  const server = await ensureServer();
  const worker = runTypeScript('src/worker.ts', [], [bundleCache]);
  // `pnpm start --amount 100` passes its arguments on to the starter.
  const client = runTypeScript('src/client.ts', process.argv.slice(2));
  try {
    const first = await Promise.race([
      exitCodeOf(client).then((code) => ({ exited: 'client', code })),
      exitCodeOf(worker).then((code) => ({ exited: 'worker', code })),
    ]);
    if (first.exited === 'worker') {
      throw new CommandError(`The Worker exited (code ${first.code}) before the workflow finished.`);
    }
    await stop(worker);
    // Exit code 2: the starter refused its arguments and started nothing to look at.
    if (server && first.code !== 2) await keepServerForTheWebUi(server);
    return first.code;
  } finally {
    await Promise.all([stop(client), stop(worker), stop(server)]);
  }
}

// Once stopping, the exit is the signal handler's.
runCommand(usage, () => main().finally(() => stopping));
