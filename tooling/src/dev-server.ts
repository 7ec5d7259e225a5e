/**
 * `pnpm dev-server`: a local Temporal dev server on localhost:7233 with the Web UI on
 * http://localhost:8233, keeping its database in .temporal/ so workflows survive a restart.
 * TEMPORAL_ADDRESS (a local address) moves its port, TEMPORAL_UI_PORT the Web UI's and
 * TEMPORAL_DEV_SERVER_DB its database file, so that the samples, which read the same
 * TEMPORAL_ADDRESS, find it. Extra arguments go to `temporal server start-dev`.
 */
import { ServerBinaryNotFoundError } from './binaries';
import {
  defaultAddress,
  defaultUiPort,
  devServerDbFile,
  spawnDevServer,
  splitAddress,
  waitUntilServing,
} from './server';

const startTimeoutMs = 60_000;

try {
  const { port } = splitAddress(process.env.TEMPORAL_ADDRESS ?? defaultAddress);
  const uiPort = Number(process.env.TEMPORAL_UI_PORT ?? defaultUiPort);
  const dbFile = process.env.TEMPORAL_DEV_SERVER_DB ?? devServerDbFile;
  console.log(`Starting the Temporal dev server (database: ${dbFile}). Stop it with Ctrl+C.`);
  const server = spawnDevServer({ port, uiPort, dbFile, extraArgs: process.argv.slice(2) });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  if (await waitUntilServing(server, `127.0.0.1:${port}`, startTimeoutMs)) {
    console.log(`Temporal dev server serving on localhost:${port}; Web UI http://localhost:${uiPort}`);
  }
} catch (error) {
  if (!(error instanceof ServerBinaryNotFoundError)) throw error;
  console.error(error.message);
  process.exit(1);
}
