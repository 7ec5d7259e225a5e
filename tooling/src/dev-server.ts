/**
 * `pnpm dev-server`: a local Temporal dev server on localhost:7233 with the Web UI on
 * http://localhost:8233, keeping its database in .temporal/ so workflows survive a restart.
 * TEMPORAL_ADDRESS (a local address) moves its port, TEMPORAL_UI_PORT the Web UI's and
 * TEMPORAL_DEV_SERVER_DB its database file, so that the samples, which read the same
 * TEMPORAL_ADDRESS, find it. Extra arguments go to `temporal server start-dev`.
 */
import { reportFailure, UsageError, wantsHelp } from './cli';
import {
  defaultAddress,
  defaultUiPort,
  devServerDbFile,
  spawnDevServer,
  splitAddress,
  waitUntilServing,
} from './server';

const startTimeoutMs = 60_000;

const usage = `Usage: pnpm dev-server [temporal server start-dev options]
  Environment: TEMPORAL_ADDRESS (a local host:port, default ${defaultAddress}), TEMPORAL_UI_PORT
  (default ${defaultUiPort}), TEMPORAL_DEV_SERVER_DB (default ${devServerDbFile}).`;

if (wantsHelp(process.argv.slice(2))) {
  console.log(usage);
  process.exit(0);
}

try {
  const address = process.env.TEMPORAL_ADDRESS ?? defaultAddress;
  if (!/^(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]):\d+$/.test(address))
    throw new UsageError(`TEMPORAL_ADDRESS must be a local address such as ${defaultAddress}, not "${address}"`);
  const { port } = splitAddress(address);
  const uiPort = Number(process.env.TEMPORAL_UI_PORT ?? defaultUiPort);
  if (!Number.isInteger(uiPort) || uiPort < 1 || uiPort > 65535)
    throw new UsageError(`TEMPORAL_UI_PORT must be a port number, not "${process.env.TEMPORAL_UI_PORT}"`);
  const dbFile = process.env.TEMPORAL_DEV_SERVER_DB ?? devServerDbFile;
  console.log(`Starting the Temporal dev server (database: ${dbFile}). Stop it with Ctrl+C.`);
  const server = spawnDevServer({ port, uiPort, dbFile, extraArgs: process.argv.slice(2) });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  if (await waitUntilServing(server, `127.0.0.1:${port}`, startTimeoutMs)) {
    console.log(`Temporal dev server serving on localhost:${port}; Web UI http://localhost:${uiPort}`);
  }
} catch (error) {
  reportFailure(usage, error);
}
